import type { Surface } from "../core/context.js";
import { GatewayError } from "../core/errors.js";
import type { SafetyCategory } from "./finding.js";

// Azure OpenAI's filter result keys for what our categories detect; the rest are reported unfiltered.
const AZURE_KEY: Readonly<Partial<Record<SafetyCategory, string>>> = { jailbreak: "jailbreak", prompt_injection: "indirect_attack", obfuscation: "jailbreak" };
const AZURE_HARMS = ["hate", "sexual", "self_harm", "violence"] as const;

/** Azure's `content_filter_result` for the categories found: what its SDKs and dashboards read. */
export function azureFilterResult(categories: readonly SafetyCategory[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const harm of AZURE_HARMS) result[harm] = { filtered: false, severity: "safe" };
  result["jailbreak"] = { filtered: false, detected: false };
  for (const c of categories) {
    const key = AZURE_KEY[c];
    if (key !== undefined) result[key] = { filtered: true, detected: true };
    else result[`atrium_${c}`] = { filtered: true, detected: true };
  }
  return result;
}

/**
 * A refused prompt: 400 `content_filter` in the OpenAI error shape, which the SDKs raise as a
 * bad-request error with that code; on the Azure surface with `innererror.content_filter_result`.
 */
export function contentFilterError(categories: readonly SafetyCategory[], surface: Surface): GatewayError {
  const message = `The prompt was refused by this deployment's content-safety level (${categories.join(", ")}).`;
  if (surface !== "azure") return new GatewayError("content_filter", message, { param: "prompt" });
  return new GatewayError("content_filter", message, {
    param: "prompt",
    extra: { status: 400, innererror: { code: "ResponsibleAIPolicyViolation", content_filter_result: azureFilterResult(categories) } },
  });
}
