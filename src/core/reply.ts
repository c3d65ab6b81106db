import type { ErrorCode } from "./errors.js";
import type { EventStream } from "./event-stream.js";
import type { JsonObject } from "./json.js";
import type { Usage } from "./usage.js";

/** One Server-Sent Event as it goes on the wire: `data` verbatim, `json` parsed when someone needed it. */
export interface SseEvent {
  readonly data: string;
  readonly json?: unknown;
  /** The text the event delivers, once a watcher has worked it out: the next one reuses it. */
  text?: string | undefined;
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

/**
 * A policy's view of a stream, called synchronously by the writer as events go out: no event
 * waits on a promise per policy, and nothing is held. Watchers run in the order they were added
 * (innermost policy first).
 */
export interface StreamWatcher {
  /** Before `event` is written: the event to send on (itself or a changed copy), or undefined to drop it. */
  pass?(event: SseEvent): SseEvent | undefined;
  /**
   * After the event was handed to the writer (or dropped by a watcher), as the upstream sent it;
   * the writer sends a read's events together once every one of them was seen, in the same tick.
   */
  seen?(event: SseEvent): void;
  /**
   * The upstream ended cleanly and the client has every event but not yet the stream's end
   * (`[DONE]`), which waits for the returned promise: records are written ahead of it. A throw
   * ends the stream with an error event instead.
   */
  end?(): void | Promise<void>;
  /** Once, however the stream ended (clean, aborted, failed), before `onFinish` hooks run. */
  close?(): void;
}

/**
 * What a policy chain returns. A stream reply holds the upstream's events not yet started; watchers
 * see them as they are written, and `onFinish` hooks run exactly once, after the last byte or on
 * abort, with the usage seen.
 */
export class Reply {
  usage: Usage | undefined;
  target: string | undefined;
  attempts = 1;
  private hooks: FinishHook[] = [];
  private watchers: StreamWatcher[] = [];
  private finished = false;
  private closed = false;

  private constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    /** Bytes when the provider's reply is passed on as it came (embeddings). */
    private jsonBody: string | Buffer | undefined,
    /** A JSON reply's body parsed, when the provider had it parsed anyway. */
    private parsed: JsonObject | undefined,
    private eventSource: EventStream | undefined,
  ) {}

  static json(status: number, body: string | Buffer, headers: Record<string, string> = {}, parsedBody?: JsonObject): Reply {
    return new Reply(status, headers, body, parsedBody, undefined);
  }

  static stream(events: EventStream, headers: Record<string, string> = {}): Reply {
    return new Reply(200, headers, undefined, undefined, events);
  }

  get body(): string | Buffer | undefined {
    return this.jsonBody;
  }

  get parsedBody(): JsonObject | undefined {
    return this.parsed;
  }

  /**
   * Replaces a JSON reply's body before it is sent (content safety ending a reply with
   * `finish_reason: "content_filter"`): the same reply object, so every policy's hooks still run.
   */
  replaceBody(body: string, parsed: JsonObject): void {
    this.jsonBody = body;
    this.parsed = parsed;
  }

  /** A JSON reply's body as text, decoded if it was kept as bytes. */
  bodyText(): string | undefined {
    return typeof this.body === "string" || this.body === undefined ? this.body : this.body.toString("utf8");
  }

  get isStream(): boolean {
    return this.eventSource !== undefined;
  }

  get events(): EventStream | undefined {
    return this.eventSource;
  }

  /** Adds a watcher to a stream reply (a JSON reply has no events to watch). */
  watch(watcher: StreamWatcher): void {
    if (this.eventSource) this.watchers.push(watcher);
  }

  /** The event to write for one upstream event, after every watcher's `pass`; undefined: none. */
  pass(event: SseEvent): SseEvent | undefined {
    let out: SseEvent | undefined = event;
    for (let i = 0; i < this.watchers.length && out !== undefined; i++) {
      const pass = (this.watchers[i] as StreamWatcher).pass;
      if (pass) out = pass(out);
    }
    return out;
  }

  /** After an upstream event was written or dropped. */
  seen(event: SseEvent): void {
    for (const watcher of this.watchers) watcher.seen?.(event);
  }

  /** The upstream ended cleanly: every watcher's `end`, in order, each awaited. */
  async ended(): Promise<void> {
    for (const watcher of this.watchers) await watcher.end?.();
  }

  /** Every watcher's `close`, once; the writer calls it before `finish`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const watcher of this.watchers) watcher.close?.();
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
