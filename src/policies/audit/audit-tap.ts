import { isObject } from "../../core/json.js";
import type { StreamWatcher } from "../../core/reply.js";
import { usageFromOpenAI } from "../../core/usage.js";
import { eventText } from "../../metering/usage-tap.js";
import type { RecordedUsage } from "../../audit/audit-record.js";

/**
 * What a stream delivered, collected by the tap: the delta pieces, joined only when recorded, up
 * to `maxChars` (`audit.maxCaptureChars`). A long stream to a client that reads slowly otherwise
 * held its whole text in memory until it ended; past the cap the text is counted out, not kept.
 */
export class StreamCapture {
  readonly parts: string[] = [];
  usage: RecordedUsage | undefined;
  truncated = false;
  private room: number;

  constructor(maxChars: number) {
    this.room = maxChars;
  }

  add(text: string): void {
    if (text.length <= this.room) {
      this.parts.push(text);
      this.room -= text.length;
      return;
    }
    this.truncated = true;
    if (this.room > 0) this.parts.push(capText(text, this.room));
    this.room = 0;
  }

  text(): string {
    return this.parts.join("");
  }
}

/** The first `max` characters, without leaving half of a surrogate pair at the end. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Looks at each event after it was written, so no event waits for the audit trail. Text is
 * collected only when `collect`; `end` runs once the upstream has ended and the client has every
 * event, before the stream's `[DONE]`: the record is written ahead before the response is
 * complete. Aborts and failures skip `end` (onFinish records them).
 */
export function auditTap(capture: StreamCapture, collect: boolean, end: () => Promise<void>): StreamWatcher {
  return {
    seen(event) {
      const json = event.json;
      if (!isObject(json)) return;
      const usage = json["usage"];
      if (isObject(usage)) {
        const u = usageFromOpenAI(usage);
        if (u) capture.usage = { promptTokens: u.promptTokens, completionTokens: u.completionTokens, totalTokens: u.totalTokens };
      }
      if (collect) {
        const text = eventText(event);
        if (text !== "") capture.add(text);
      }
    },
    end,
  };
}
