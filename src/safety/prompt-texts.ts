import type { JsonObject } from "../core/json.js";

/** A piece of a request's text and where it lives, so a redaction can be written back in place. */
export interface PromptText {
  readonly text: string;
  /** Replaces this piece's text in the request body. */
  write(text: string): void;
}

// The application's own system and developer messages are trusted; what users, tools and
// retrieved documents bring is not. Assistant turns are the model's earlier output.
const SCANNED_ROLES: ReadonlySet<string> = new Set(["user", "tool", "function"]);

/** The texts of a chat or completions body that the input detectors read. */
export function promptTexts(body: JsonObject): PromptText[] {
  const out: PromptText[] = [];
  const messages = body["messages"];
  if (Array.isArray(messages)) {
    for (const message of messages) {
      if (typeof message !== "object" || message === null || Array.isArray(message)) continue;
      const m = message as Record<string, unknown>;
      if (typeof m["role"] !== "string" || !SCANNED_ROLES.has(m["role"])) continue;
      const content = m["content"];
      if (typeof content === "string") out.push({ text: content, write: (t) => void (m["content"] = t) });
      else if (Array.isArray(content)) {
        for (const part of content) {
          if (typeof part !== "object" || part === null) continue;
          const p = part as Record<string, unknown>;
          if (typeof p["text"] === "string") out.push({ text: p["text"], write: (t) => void (p["text"] = t) });
        }
      }
    }
  }
  const prompt = body["prompt"];
  if (typeof prompt === "string") out.push({ text: prompt, write: (t) => void (body["prompt"] = t) });
  else if (Array.isArray(prompt)) {
    prompt.forEach((p, i) => {
      if (typeof p === "string") out.push({ text: p, write: (t) => void (prompt[i] = t) });
    });
  }
  return out;
}
