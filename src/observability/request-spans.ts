import { randomBytes } from "node:crypto";
import type { ProviderKind } from "../core/catalog.js";
import type { RequestContext } from "../core/context.js";
import type { UsageRecord } from "../core/usage-record.js";
import type { AttributeValue, SpanData } from "./otlp-exporter.js";

export interface SpanSink {
  add(span: SpanData): void;
}

const OPERATION: Readonly<Record<RequestContext["operation"], string>> = {
  chat: "chat",
  completions: "text_completion",
  embeddings: "embeddings",
  passthrough: "passthrough",
};

/** `gen_ai.provider.name` values of the OpenTelemetry GenAI conventions. */
const PROVIDER: Readonly<Record<ProviderKind, string>> = {
  "azure-openai": "azure.ai.openai",
  anthropic: "anthropic",
  openai: "openai",
  "openai-compatible": "openai",
  sim: "atrium.sim",
};

const MAX_PROMPT_CHARS = 64 * 1024;

/**
 * Two spans per request, built from its usage record once it is known: a SERVER span for the
 * HTTP exchange and a CLIENT child for the model call with the GenAI semantic conventions
 * (`gen_ai.*`). Prompts go on the span only with `capturePrompts`; responses never do (the
 * gateway does not hold the body it streams).
 */
export class RequestTracer {
  constructor(
    private readonly sink: SpanSink,
    private readonly capturePrompts: boolean,
  ) {}

  readonly observe = (ctx: RequestContext, r: UsageRecord): void => {
    const endMs = r.atMs;
    const startMs = endMs - r.latencyMs;
    const traceId = randomBytes(16).toString("hex");
    const serverId = randomBytes(8).toString("hex");
    const failed = r.status >= 500 || (r.errorCode !== undefined && r.status < 400);
    this.sink.add({
      traceId,
      spanId: serverId,
      name: `POST ${ctx.operationPath || "/"}`,
      kind: 2,
      startMs,
      endMs,
      attributes: {
        "http.request.method": "POST",
        "http.route": ctx.operationPath,
        "http.response.status_code": r.status,
        "error.type": r.errorCode,
        "atrium.request_id": r.requestId,
        "atrium.consumer": r.consumer,
        "atrium.cost_centre": r.costCentre,
        "atrium.environment": r.environment,
        "atrium.surface": ctx.surface,
      },
      status: { code: failed ? 2 : 0 },
    });
    const target = ctx.route?.targets.find((t) => t.id === r.target);
    if (!target) return;
    const operation = OPERATION[ctx.operation];
    const attributes: Record<string, AttributeValue | undefined> = {
      "gen_ai.operation.name": operation,
      "gen_ai.provider.name": PROVIDER[target.resource.provider],
      "gen_ai.system": PROVIDER[target.resource.provider],
      "gen_ai.request.model": r.outsideName,
      "gen_ai.response.model": r.model,
      "gen_ai.usage.input_tokens": r.promptTokens,
      "gen_ai.usage.output_tokens": r.completionTokens,
      "gen_ai.usage.cache_read.input_tokens": r.cachedTokens > 0 ? r.cachedTokens : undefined,
      "gen_ai.request.max_tokens": numberOf(ctx.body["max_completion_tokens"] ?? ctx.body["max_tokens"]),
      "gen_ai.request.temperature": numberOf(ctx.body["temperature"]),
      "gen_ai.request.top_p": numberOf(ctx.body["top_p"]),
      "error.type": r.errorCode,
      "server.address": hostOf(target.resource.endpoint),
      "atrium.target": r.target,
      "atrium.deployment_type": r.deploymentType,
      "atrium.attempts": r.attempts,
      "atrium.streamed": r.streamed,
      "atrium.usage_source": r.usageSource,
      "atrium.time_to_first_token_ms": r.streamed ? r.firstByteMs : undefined,
    };
    if (this.capturePrompts) attributes["gen_ai.input.messages"] = promptOf(ctx);
    this.sink.add({
      traceId,
      spanId: randomBytes(8).toString("hex"),
      parentSpanId: serverId,
      name: `${operation} ${r.model ?? r.outsideName ?? ""}`.trim(),
      kind: 3,
      startMs,
      endMs,
      attributes,
      status: { code: r.errorCode !== undefined || r.status >= 400 ? 2 : 0 },
    });
  };
}

function numberOf(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function hostOf(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint).hostname;
  } catch {
    return undefined;
  }
}

function promptOf(ctx: RequestContext): string | undefined {
  const value = ctx.body["messages"] ?? ctx.body["prompt"] ?? ctx.body["input"];
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length > MAX_PROMPT_CHARS ? text.slice(0, MAX_PROMPT_CHARS) : text;
}
