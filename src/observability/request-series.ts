import { Counter, Histogram, type Registry } from "prom-client";
import type { UsageRecord } from "../core/usage-record.js";

type Labels = { consumer: string; deployment: string; environment: string; status: string; code: string };

/** Running totals of one label tuple since the last scrape. */
interface Totals {
  readonly labels: Labels;
  requests: number;
  prompt: number;
  completion: number;
  cached: number;
  cost: number;
  attempts: number;
  retries: number;
}

interface Timings {
  readonly duration: { observe(v: number): void };
  readonly ttft: { observe(v: number): void };
}

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160];
const TTFT_BUCKETS = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 20];

/**
 * Request, token and cost counters and latency histograms. prom-client hashes the label set on
 * every inc(); on the request path we instead add to plain numbers on an object cached per label
 * tuple and hand the sums to prom-client when it is scraped (collect). Histograms keep one bound
 * child per (deployment, environment, streamed).
 *
 * Cardinality: every label value comes from config, never from the client: consumer (configured
 * consumers, `-` before authentication), deployment (pool members `resource/deployment`, `-`
 * when none served), environment (one per gateway), status (HTTP statuses the gateway sends),
 * code (the fixed ErrorCode list).
 */
export class RequestSeries {
  private readonly totals = new Map<string, Totals>();
  private readonly timings = new Map<string, Timings>();
  private readonly duration: Histogram<"deployment" | "environment" | "streamed">;
  private readonly ttft: Histogram<"deployment" | "environment">;

  constructor(
    registers: Registry[],
    private readonly byConsumer: boolean,
    currency: string,
  ) {
    const totals = this.totals;
    const counter = (name: string, help: string, names: string[], flush: (c: Counter<string>, t: Totals) => void): void => {
      new Counter({
        name,
        help,
        labelNames: names,
        registers,
        collect() {
          for (const t of totals.values()) flush(this, t);
        },
      });
    };
    const tuple = ["consumer", "deployment", "environment", "status", "code"];
    const usage = ["consumer", "deployment", "environment"];
    counter("atrium_requests_total", "Requests that got a response, by consumer, serving deployment, environment, status and error code.", tuple, (c, t) => {
      if (t.requests > 0) c.inc(t.labels, t.requests);
      t.requests = 0;
    });
    counter("atrium_tokens_total", "Tokens by kind (prompt, completion, cached; cached are part of prompt).", [...usage, "kind"], (c, t) => {
      const l = { consumer: t.labels.consumer, deployment: t.labels.deployment, environment: t.labels.environment };
      if (t.prompt > 0) c.inc({ ...l, kind: "prompt" }, t.prompt);
      if (t.completion > 0) c.inc({ ...l, kind: "completion" }, t.completion);
      if (t.cached > 0) c.inc({ ...l, kind: "cached" }, t.cached);
      t.prompt = t.completion = t.cached = 0;
    });
    counter("atrium_cost_total", `PAYG tokens at list price, in ${currency}. PTU deployments' fixed cost is in the chargeback report, not here.`, usage, (c, t) => {
      if (t.cost > 0) c.inc({ consumer: t.labels.consumer, deployment: t.labels.deployment, environment: t.labels.environment }, t.cost);
      t.cost = 0;
    });
    counter("atrium_upstream_attempts_total", "Upstream calls made, failed ones on other pool members included.", ["deployment", "environment"], (c, t) => {
      if (t.attempts > 0) c.inc({ deployment: t.labels.deployment, environment: t.labels.environment }, t.attempts);
      t.attempts = 0;
    });
    counter("atrium_upstream_failovers_total", "Requests served only after another pool member failed first.", ["deployment", "environment"], (c, t) => {
      if (t.retries > 0) c.inc({ deployment: t.labels.deployment, environment: t.labels.environment }, t.retries);
      t.retries = 0;
    });
    this.duration = new Histogram({
      name: "atrium_request_duration_seconds",
      help: "Request start to the last byte (streams: to the upstream's end).",
      labelNames: ["deployment", "environment", "streamed"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.ttft = new Histogram({
      name: "atrium_time_to_first_token_seconds",
      help: "Streams: request start to the first event sent to the client.",
      labelNames: ["deployment", "environment"],
      buckets: TTFT_BUCKETS,
      registers,
    });
  }

  observe(r: UsageRecord, cost: number | undefined): void {
    const consumer = this.byConsumer ? (r.consumer ?? "-") : "all";
    const deployment = r.target ?? "-";
    const code = r.errorCode ?? "";
    const key = `${consumer}\u0001${deployment}\u0001${r.environment}\u0001${r.status}\u0001${code}`;
    let t = this.totals.get(key);
    if (!t) {
      const labels = { consumer, deployment, environment: r.environment, status: String(r.status), code };
      t = { labels, requests: 0, prompt: 0, completion: 0, cached: 0, cost: 0, attempts: 0, retries: 0 };
      this.totals.set(key, t);
    }
    t.requests++;
    t.prompt += r.promptTokens;
    t.completion += r.completionTokens;
    t.cached += r.cachedTokens;
    if (cost !== undefined) t.cost += cost;
    t.attempts += r.attempts;
    if (r.attempts > 1) t.retries++;

    const tkey = `${deployment}\u0001${r.environment}\u0001${r.streamed ? 1 : 0}`;
    let timing = this.timings.get(tkey);
    if (!timing) {
      timing = {
        duration: this.duration.labels(deployment, r.environment, r.streamed ? "true" : "false"),
        ttft: this.ttft.labels(deployment, r.environment),
      };
      this.timings.set(tkey, timing);
    }
    timing.duration.observe(r.latencyMs / 1000);
    if (r.streamed && r.firstByteMs !== undefined) timing.ttft.observe(r.firstByteMs / 1000);
  }
}
