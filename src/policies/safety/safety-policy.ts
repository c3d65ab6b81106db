import type { Config } from "../../config/config.js";
import type { RequestContext } from "../../core/context.js";
import type { Policy } from "../../core/policy.js";
import { contentFilterError } from "../../safety/content-filter-error.js";
import { guardJsonReply } from "../../safety/json-output.js";
import type { SafetyLevel } from "../../safety/level.js";
import { promptTexts } from "../../safety/prompt-texts.js";
import { SAFETY_OFF } from "../../safety/read-levels.js";
import { redactFindings } from "../../safety/redact-prompt.js";
import type { SafetyEvent, SafetyEventLog } from "../../safety/safety-events.js";
import { judge, scanText, type Verdict } from "../../safety/scan-text.js";
import { streamGuard } from "../../safety/stream-guard.js";

export interface SafetyObserver {
  readonly events?: SafetyEventLog | undefined;
  /** Counts events for /metrics. */
  readonly count?: ((side: string, action: string, category: string) => void) | undefined;
}

/** Whether any route names a level: with none, the policy is left out of the chain (off costs nothing). */
export function safetyWanted(config: Config): boolean {
  for (const consumer of config.consumers.values()) {
    for (const route of consumer.routes.values()) if (route.contentSafety !== undefined && route.contentSafety !== SAFETY_OFF) return true;
  }
  return false;
}

/**
 * Enforces the consumer's `contentSafety` level of the model it calls (docs/safety.md): input
 * detectors before dispatch (block → 400 content_filter, redact → placeholders in the body sent
 * on, flag → recorded), output detectors on the JSON reply or over the stream as it passes.
 */
export function safetyPolicy(config: Config, observer: SafetyObserver = {}): Policy {
  const levels = config.files.safetyLevels;
  return async (ctx, next) => {
    const name = ctx.route?.contentSafety;
    const level = name === undefined || name === SAFETY_OFF ? undefined : levels.get(name);
    if (level === undefined || (ctx.operation !== "chat" && ctx.operation !== "completions")) return next(ctx);
    const note = (side: "input" | "output", action: SafetyEvent["action"], categories: readonly string[], score: number): void => {
      (ctx.safety ??= []).push(...categories.map((c) => `${side}:${c}`));
      for (const c of categories) observer.count?.(side, action, c);
      observer.events?.add({ atMs: Date.now(), requestId: ctx.id, consumer: ctx.identity?.consumer.name, outsideName: ctx.route?.outsideName, level: level.name, side, action, categories, score });
    };
    checkInput(ctx, level, note);
    const reply = await next(ctx);
    if (Object.keys(level.output).length === 0) return reply;
    if (!reply.isStream) {
      const out = guardJsonReply(reply, level.output, ctx.surface);
      if (out.blocked.length > 0) note("output", "block", out.blocked, 1);
      if (out.flagged.length > 0) note("output", "flag", out.flagged, 1);
      return reply;
    }
    reply.watch(
      streamGuard(level.output, level.holdBackChars, {
        cut: (v: Verdict) => note("output", "block", v.block, v.score),
        flag: (v: Verdict) => note("output", "flag", v.flag, v.score),
      }),
    );
    return reply;
  };
}

type Note = (side: "input" | "output", action: SafetyEvent["action"], categories: readonly string[], score: number) => void;

function checkInput(ctx: RequestContext, level: SafetyLevel, note: Note): void {
  if (Object.keys(level.input).length === 0) return;
  const blocked = new Set<string>();
  for (const piece of promptTexts(ctx.body)) {
    const verdict = judge(scanText(piece.text, level.input, "input"), level.input);
    if (verdict.block.length > 0) {
      for (const c of verdict.block) blocked.add(c);
      note("input", "block", verdict.block, verdict.score);
      continue;
    }
    if (verdict.flag.length > 0) note("input", "flag", verdict.flag, verdict.score);
    if (verdict.redact.length > 0) {
      piece.write(redactFindings(piece.text, verdict.findings, verdict.redact));
      note("input", "redact", verdict.redact, verdict.score);
    }
  }
  if (blocked.size > 0) throw contentFilterError([...blocked] as Verdict["block"], ctx.surface);
}
