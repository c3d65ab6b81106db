import type { Surface } from "../core/context.js";
import type { JsonObject } from "../core/json.js";
import type { Reply } from "../core/reply.js";
import { azureFilterResult } from "./content-filter-error.js";
import type { SafetyCategory } from "./finding.js";
import type { SideRules } from "./level.js";
import { judge, scanText } from "./scan-text.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface JsonOutcome {
  readonly blocked: readonly SafetyCategory[];
  readonly flagged: readonly SafetyCategory[];
}

/**
 * Output detectors over a JSON chat or completions reply. A choice that fails is emptied and ends
 * with `finish_reason: "content_filter"` (on the Azure surface with `content_filter_results`), as
 * Azure OpenAI ends filtered output; the reply object stays the same so every hook still runs.
 */
export function guardJsonReply(reply: Reply, rules: SideRules, surface: Surface): JsonOutcome {
  const blocked = new Set<SafetyCategory>();
  const flagged = new Set<SafetyCategory>();
  if (reply.status >= 400) return { blocked: [], flagged: [] };
  let body: JsonObject | undefined = reply.parsedBody;
  if (body === undefined) {
    try {
      const parsed: unknown = JSON.parse(reply.bodyText() ?? "");
      if (isObject(parsed)) body = parsed as JsonObject;
    } catch {
      return { blocked: [], flagged: [] };
    }
  }
  const choices = body?.["choices"];
  if (body === undefined || !Array.isArray(choices)) return { blocked: [], flagged: [] };
  let changed = false;
  for (const choice of choices) {
    if (!isObject(choice)) continue;
    const message = isObject(choice["message"]) ? choice["message"] : undefined;
    const text = message ? message["content"] : choice["text"];
    if (typeof text !== "string" || text === "") continue;
    const verdict = judge(scanText(text, rules, "output"), rules);
    for (const c of verdict.flag) flagged.add(c);
    if (verdict.block.length === 0) continue;
    for (const c of verdict.block) blocked.add(c);
    if (message) message["content"] = null;
    else choice["text"] = "";
    choice["finish_reason"] = "content_filter";
    if (surface === "azure") (choice as Json)["content_filter_results"] = azureFilterResult(verdict.block);
    changed = true;
  }
  if (changed) reply.replaceBody(JSON.stringify(body), body);
  return { blocked: [...blocked], flagged: [...flagged] };
}
