import type { Config } from "../../config/config.js";
import type { RequestContext } from "../../core/context.js";
import { asGatewayError, GatewayError } from "../../core/errors.js";
import type { Policy } from "../../core/policy.js";
import type { Outcome, Reply } from "../../core/reply.js";
import type { AuditRecord, PromptMessage, RecordedMode } from "../../audit/audit-record.js";
import type { AuditSink } from "../../audit/audit-sink.js";
import { consumerAuditSettings } from "../../audit/consumer-audit.js";
import { recordId } from "../../core/record-id.js";
import { deltaText } from "../../metering/usage-tap.js";
import { auditTap, capText, StreamCapture } from "./audit-tap.js";
import { promptMessages } from "./prompt-messages.js";

interface Ending {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly aborted: boolean;
  readonly reply: Reply | undefined;
  readonly capture: StreamCapture | undefined;
}

/**
 * The audit trail's capture, innermost before dispatch (after resolve and admission): one record
 * per request that reached a model, errors included, in the consumer's logging mode. The record
 * is written ahead like the usage record (JSON before it is sent, a stream before its `[DONE]`);
 * redaction and storage happen later, in workers. Fail-closed consumers are refused with 503
 * while the pipeline cannot take records, rather than served unaudited.
 */
export function auditPolicy(config: Config, sink: AuditSink): Policy {
  const settings = consumerAuditSettings(config);
  const environment = config.environment;
  const maxChars = config.platform.audit.maxCaptureChars;
  return async (ctx, next) => {
    const consumer = ctx.identity?.consumer.name;
    const audit = consumer === undefined ? undefined : settings.get(consumer);
    if (consumer === undefined || audit === undefined || audit.mode === "off") return next(ctx);
    if (audit.failClosed && !sink.accepting()) {
      sink.refused(consumer);
      throw unavailable();
    }
    const mode = audit.mode;
    const id = recordId();
    const sampled = audit.sampleRate > 0 && Math.random() < audit.sampleRate;
    let written = false;
    const write = async (e: Ending): Promise<void> => {
      if (written) return;
      written = true;
      try {
        await sink.enqueue(record(id, ctx, consumer, environment, mode, sampled, maxChars, e));
      } catch (err) {
        // The pipeline is closed (shutdown): a fail-closed consumer gets no unaudited answer.
        if (audit.failClosed) throw unavailable(err);
      }
    };
    let reply: Reply;
    try {
      reply = await next(ctx);
    } catch (err) {
      const error = asGatewayError(err);
      await write({ status: error.status, errorCode: error.code, aborted: ctx.signal.aborted, reply: undefined, capture: undefined });
      throw err;
    }
    if (!reply.isStream) {
      await write({ status: reply.status, errorCode: undefined, aborted: false, reply, capture: undefined });
      return reply;
    }
    const capture = new StreamCapture(maxChars);
    reply.watch(auditTap(capture, mode !== "metadata", () => write({ status: 200, errorCode: undefined, aborted: false, reply, capture })));
    // Aborted or broken streams: recorded when they end, with what was delivered.
    reply.onFinish((o: Outcome) => void write({ status: o.status, errorCode: o.errorCode, aborted: o.aborted, reply, capture }).catch(() => {}));
    return reply;
  };
}

function unavailable(cause?: unknown): GatewayError {
  return new GatewayError("service_unavailable", "The audit trail cannot record requests right now, and this consumer's requests must be audited. Try again shortly.", {
    headers: { "retry-after": "5" },
    cause,
  });
}

function record(id: string, ctx: RequestContext, consumer: string, environment: string, mode: RecordedMode, sampled: boolean, maxChars: number, e: Ending): AuditRecord {
  const route = ctx.route;
  const reply = e.reply;
  const withText = mode !== "metadata";
  // Embedding vectors and passthrough bodies are not text anyone reviews.
  const textReply = ctx.operation === "chat" || ctx.operation === "completions";
  const usage = e.capture?.usage ?? reply?.usage;
  // A JSON reply the provider parsed anyway gives its text here, a few property reads: the record
  // then carries the text instead of the whole body escaped inside JSON, and the worker need not
  // parse the body again. Without it, the body goes as it is and the worker reads the text out.
  const jsonReply = withText && textReply && reply !== undefined && !reply.isStream && reply.status < 400 ? reply : undefined;
  const parsed = jsonReply?.parsedBody;
  const fullText = parsed === undefined ? undefined : deltaText(parsed["choices"]);
  const jsonText = fullText === undefined ? undefined : capText(fullText, maxChars);
  const body = jsonText === undefined ? jsonReply?.bodyText() : undefined;
  const prompt = withText ? cappedPrompt(promptMessages(ctx), maxChars) : undefined;
  const truncated =
    prompt?.truncated === true || e.capture?.truncated === true || (fullText !== undefined && fullText.length > maxChars) || (body !== undefined && body.length > maxChars);
  return {
    id,
    requestId: ctx.id,
    atMs: Date.now(),
    consumer,
    environment,
    outsideName: route?.outsideName ?? ctx.outsideName,
    platformDeployment: route?.platformDeployment,
    target: reply?.target,
    model: route?.model,
    operation: ctx.operation,
    mode,
    streamed: ctx.stream && reply?.isStream === true,
    status: e.status,
    errorCode: e.errorCode,
    aborted: e.aborted,
    sampled,
    usage: usage && { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, totalTokens: usage.totalTokens },
    prompt: prompt?.messages,
    responseText: withText && textReply && e.capture ? e.capture.text() : jsonText,
    // Cut, it is no longer JSON: the worker then stores no response text, and the record says why.
    responseBody: body === undefined ? undefined : capText(body, maxChars),
    truncated,
    ...(ctx.safety === undefined ? {} : { safety: [...new Set(ctx.safety)] }),
  };
}

/** The messages up to `maxChars` of content in all; later text is cut and the record marked. */
function cappedPrompt(messages: PromptMessage[], maxChars: number): { messages: PromptMessage[]; truncated: boolean } {
  let room = maxChars;
  let truncated = false;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as PromptMessage;
    if (m.content.length <= room) {
      room -= m.content.length;
      continue;
    }
    truncated = true;
    messages[i] = { role: m.role, content: capText(m.content, room) };
    room = 0;
  }
  return { messages, truncated };
}
