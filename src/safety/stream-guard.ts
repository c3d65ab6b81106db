import type { SseEvent, StreamWatcher } from "../core/reply.js";
import { eventText } from "../metering/usage-tap.js";
import type { SideRules } from "./level.js";
import { judge, scanText, type Verdict } from "./scan-text.js";

// The detectors read the newest text plus this much before it: enough for a markdown image with a
// long URL or a private key header, bounded so a long answer costs the same per chunk.
const CONTEXT_CHARS = 1024;
// Without a boundary in new text nothing new can have completed; scan at least this often anyway.
const BOUNDARY = /[\s)>"'`\]]/;
const RESCAN_CHARS = 32;
// Secrets are short: without an image or link in the window, the newest 256 characters are enough.
const SHORT_CONTEXT = 256;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface GuardHooks {
  /** A blocking category fired: the stream is cut at this event. */
  cut(verdict: Verdict): void;
  /** A flagging category fired (once per stream per category set change). */
  flag(verdict: Verdict): void;
}

function firstChoice(json: Json): Json | undefined {
  const choices = json["choices"];
  return Array.isArray(choices) && isObject(choices[0]) ? choices[0] : undefined;
}

/** The chunk with its text replaced (held back text released, or cut short). */
function withText(json: Json, choice: Json, text: string): SseEvent {
  const copy: Json = Object.assign({}, choice);
  if (isObject(choice["delta"])) copy["delta"] = Object.assign({}, choice["delta"], { content: text });
  else copy["text"] = text;
  const out: Json = Object.assign({}, json, { choices: [copy] });
  return { data: JSON.stringify(out), json: out, text };
}

/** The last chunk of a cut stream: no text, `finish_reason: "content_filter"`, as Azure OpenAI ends one. */
function cutChunk(json: Json, choice: Json | undefined): SseEvent {
  const chat = choice === undefined || isObject(choice["delta"]);
  const ending: Json = chat ? { index: 0, delta: {}, finish_reason: "content_filter" } : { index: 0, text: "", finish_reason: "content_filter" };
  const out: Json = { id: json["id"], object: json["object"], created: json["created"], model: json["model"], choices: [ending] };
  return { data: JSON.stringify(out), json: out, text: "" };
}

/**
 * Output detectors over a sliding window as a stream passes, in the writer's synchronous `pass`:
 * nothing waits and nothing but the window is held. With `holdBackChars` > 0 the newest text is
 * kept back that long, so text the detectors stop at never reaches the client; with 0 each chunk
 * goes as it came and the stream is cut at the chunk where a detector fires. After a cut, only
 * usage chunks pass; the stream then ends as usual.
 */
export function streamGuard(rules: SideRules, holdBackChars: number, hooks: GuardHooks): StreamWatcher {
  let window = "";
  let held = "";
  let unscanned = 0;
  let cut = false;
  let flagged = "";
  return {
    pass(event) {
      const json = event.json;
      if (!isObject(json)) return event;
      if (cut) return Array.isArray(json["choices"]) && json["choices"].length === 0 ? event : undefined;
      const choice = firstChoice(json);
      const text = eventText(event);
      const finish = choice?.["finish_reason"];
      const ending = typeof finish === "string";
      if (text !== "") {
        window = window.length + text.length > CONTEXT_CHARS * 2 ? (window + text).slice(-CONTEXT_CHARS) : window + text;
        unscanned += text.length;
      }
      if (unscanned > 0 && (ending || unscanned >= RESCAN_CHARS || BOUNDARY.test(text))) {
        unscanned = 0;
        const link = window.includes("](") || window.includes("<img") || window.includes("]:");
        const scanned = link || window.length <= SHORT_CONTEXT ? window : window.slice(-SHORT_CONTEXT);
        const verdict = judge(scanText(scanned, rules, "output"), rules);
        if (verdict.block.length > 0) {
          cut = true;
          held = "";
          hooks.cut(verdict);
          return cutChunk(json, choice);
        }
        const key = verdict.flag.join(",");
        if (key !== "" && key !== flagged) {
          flagged = key;
          hooks.flag(verdict);
        }
      }
      if (holdBackChars === 0 || choice === undefined) return event;
      const pending = held + text;
      if (ending) {
        held = "";
        return pending === text ? event : withText(json, choice, pending);
      }
      const release = pending.length - holdBackChars;
      if (release <= 0) {
        held = pending;
        return text === "" ? event : undefined;
      }
      held = pending.slice(release);
      return withText(json, choice, pending.slice(0, release));
    },
  };
}
