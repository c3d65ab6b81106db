import { Agent, request } from "../net/undici.js";

export type AttributeValue = string | number | boolean;

export interface SpanData {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  readonly kind: 1 | 2 | 3;
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Readonly<Record<string, AttributeValue | undefined>>;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code: 0 | 1 | 2; readonly message?: string };
}

export interface OtlpExporterOptions {
  /** Base URL (`/v1/traces` is appended) or the full traces URL. */
  readonly endpoint: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly serviceVersion?: string;
  readonly maxBatch?: number;
  /** Spans beyond this wait-queue length are dropped (a collector that is down must not grow memory). */
  readonly maxQueue?: number;
  readonly intervalMs?: number;
  readonly timeoutMs?: number;
  readonly onError?: (err: unknown) => void;
}

/**
 * A minimal OTLP/HTTP JSON trace exporter: spans are queued, sent in batches (size or interval,
 * whichever first), and dropped rather than retried when the collector fails. The OpenTelemetry
 * SDK would bring 44 MB of packages for what is one POST of a documented JSON shape.
 */
export class OtlpExporter {
  private queue: SpanData[] = [];
  private readonly url: string;
  private readonly agent: Agent;
  private readonly timer: NodeJS.Timeout;
  private inFlight = new Set<Promise<void>>();
  private readonly resource: object;
  dropped = 0;
  exported = 0;

  constructor(private readonly options: OtlpExporterOptions) {
    const base = options.endpoint.replace(/\/+$/, "");
    this.url = base.endsWith("/v1/traces") ? base : `${base}/v1/traces`;
    this.agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5000 } });
    this.resource = {
      attributes: attributes({ "service.name": options.serviceName, "service.version": options.serviceVersion, "telemetry.sdk.name": "atrium" }),
    };
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 2000);
    this.timer.unref();
  }

  add(span: SpanData): void {
    if (this.queue.length >= (this.options.maxQueue ?? 4096)) {
      this.dropped++;
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= (this.options.maxBatch ?? 512)) void this.flush();
  }

  /** Sends what is queued; resolves when every send started so far has finished. */
  async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 512);
      const sending = this.send(batch).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
    await Promise.all(this.inFlight);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.agent.close();
  }

  private async send(batch: SpanData[]): Promise<void> {
    const body = JSON.stringify({
      resourceSpans: [{ resource: this.resource, scopeSpans: [{ scope: { name: "atrium" }, spans: batch.map(encodeSpan) }] }],
    });
    try {
      const res = await request(this.url, {
        method: "POST",
        headers: { ...this.options.headers, "content-type": "application/json" },
        body,
        dispatcher: this.agent,
        headersTimeout: this.options.timeoutMs ?? 10_000,
        bodyTimeout: this.options.timeoutMs ?? 10_000,
      });
      await res.body.dump();
      if (res.statusCode >= 300) throw new Error(`collector answered ${res.statusCode}`);
      this.exported += batch.length;
    } catch (err) {
      this.dropped += batch.length;
      this.options.onError?.(err);
    }
  }
}

function encodeSpan(s: SpanData): object {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: unixNano(s.startMs),
    endTimeUnixNano: unixNano(s.endMs),
    attributes: attributes(s.attributes),
    status: s.status.message ? s.status : { code: s.status.code },
  };
}

/** OTLP JSON: int64 nanoseconds as a decimal string; exact, where ms × 1e6 as a double is not. */
function unixNano(ms: number): string {
  const whole = Math.floor(ms);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6))).toString();
}

function attributes(attrs: Readonly<Record<string, AttributeValue | undefined>>): object[] {
  const out: object[] = [];
  for (const [key, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    const value =
      typeof v === "string"
        ? { stringValue: v }
        : typeof v === "boolean"
          ? { boolValue: v }
          : Number.isInteger(v)
            ? { intValue: String(v) }
            : { doubleValue: v };
    out.push({ key, value });
  }
  return out;
}
