import type { ErrorCode } from "./errors.js";
import type { Usage } from "./usage.js";

/** One Server-Sent Event as it goes on the wire: `data` verbatim, `json` parsed when someone needed it. */
export interface SseEvent {
  readonly data: string;
  readonly json?: unknown;
}

export interface Outcome {
  readonly status: number;
  readonly errorCode: ErrorCode | undefined;
  readonly usage: Usage | undefined;
  readonly streamed: boolean;
  /** ms from request start to the first body byte written; undefined if none was. */
  readonly firstByteMs: number | undefined;
  readonly durationMs: number;
  /** The client went away before the end. */
  readonly aborted: boolean;
  readonly target: string | undefined;
  readonly attempts: number;
}

type FinishHook = (outcome: Outcome) => void;
type StreamTap = (events: AsyncIterable<SseEvent>, reply: Reply) => AsyncIterable<SseEvent>;

/**
 * What a policy chain returns. A stream reply holds the upstream's events unread; taps wrap them
 * and `onFinish` hooks run exactly once, after the last byte or on abort, with the usage seen.
 */
export class Reply {
  usage: Usage | undefined;
  target: string | undefined;
  attempts = 1;
  private hooks: FinishHook[] = [];
  private finished = false;

  private constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string | undefined,
    private eventSource: AsyncIterable<SseEvent> | undefined,
  ) {}

  static json(status: number, body: string, headers: Record<string, string> = {}): Reply {
    return new Reply(status, headers, body, undefined);
  }

  static stream(events: AsyncIterable<SseEvent>, headers: Record<string, string> = {}): Reply {
    return new Reply(200, headers, undefined, events);
  }

  get isStream(): boolean {
    return this.eventSource !== undefined;
  }

  get events(): AsyncIterable<SseEvent> | undefined {
    return this.eventSource;
  }

  /** Wraps the event stream; taps must pass every event on without holding it. */
  tap(tap: StreamTap): void {
    if (this.eventSource) this.eventSource = tap(this.eventSource, this);
  }

  onFinish(hook: FinishHook): void {
    this.hooks.push(hook);
  }

  finish(outcome: Outcome): void {
    if (this.finished) return;
    this.finished = true;
    for (const hook of this.hooks) hook(outcome);
  }
}
