import { isObject } from "../../core/json.js";
import type { StreamWatcher } from "../../core/reply.js";
import { usageFromOpenAI } from "../../core/usage.js";
import { eventText } from "../../metering/usage-tap.js";
import type { RecordedUsage } from "../../audit/audit-record.js";

/** What a stream delivered, collected by the tap: the delta pieces, joined only when recorded. */
export class StreamCapture {
  readonly parts: string[] = [];
  usage: RecordedUsage | undefined;

  text(): string {
    return this.parts.join("");
  }
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
        if (text !== "") capture.parts.push(text);
      }
    },
    end,
  };
}
