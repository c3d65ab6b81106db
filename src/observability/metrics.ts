import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { UsageRecord } from "../core/usage-record.js";
import { RequestSeries } from "./request-series.js";

/** What an outbox reports about itself (src/store/outbox); kept structural so stores stay below us. */
export interface OutboxGaugeSource {
  stats(): {
    readonly pendingRecords: number;
    readonly pendingBytes: number;
    readonly lagMs: number;
    readonly storedTotal: number;
    readonly storeFailuresTotal: number;
    readonly writeErrorsTotal: number;
    readonly droppedTotal: number;
  };
}

/** A pool member's health as routing keeps it (src/routing/member-health.ts), read at scrape time. */
export interface MemberGaugeSource {
  readonly id: string;
  readonly openedTotal: number;
  readonly breaker: { state(nowMs: number): "closed" | "open" | "half-open" };
  cooling(nowMs: number): boolean;
}

const CIRCUIT_STATES = { closed: 0, "half-open": 1, open: 2 } as const;

/** Why a limiter said no; keep it to a handful of fixed words (it is a label). */
export type RejectionScope = "tokens" | "requests" | "budget" | "too_large" | (string & {});

export interface MetricsOptions {
  /** Label request and token series by consumer (default true); off collapses it to `all`. */
  readonly byConsumer?: boolean;
  /** Process CPU, memory, event-loop lag, GC (default true). */
  readonly processMetrics?: boolean;
  readonly currency?: string;
}

/**
 * One Prometheus registry per gateway. Request series are fed from usage records (one call per
 * request, no label hashing on that path: see RequestSeries); other modules add their own counts
 * through the counters exported here.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  /** Limiter rejections, incremented by the limit policy. Labels: consumer, scope. */
  readonly limiterRejections: Counter<"consumer" | "scope">;
  private readonly httpRejections: Counter<"status" | "code">;
  private readonly safetyEvents: Counter<"side" | "action" | "category">;
  private readonly series: RequestSeries;
  private readonly outboxes = new Map<string, OutboxGaugeSource>();
  private members: (() => Iterable<MemberGaugeSource>) | undefined;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.series = new RequestSeries(registers, options.byConsumer ?? true, options.currency ?? "USD");
    this.limiterRejections = new Counter({
      name: "atrium_limiter_rejections_total",
      help: "Requests a limiter refused (429 or budget), by consumer and the limit that bound.",
      labelNames: ["consumer", "scope"],
      registers,
    });
    this.safetyEvents = new Counter({
      name: "atrium_safety_events_total",
      help: "Content-safety findings acted on, by side (input, output), action (block, flag, redact) and category.",
      labelNames: ["side", "action", "category"],
      registers: [this.registry],
    });
    this.httpRejections = new Counter({
      name: "atrium_http_rejections_total",
      help: "Requests refused before the policy chain (unknown route, method, body not JSON or too large, no credential), by status and error code.",
      labelNames: ["status", "code"],
      registers,
    });
    this.outboxGauges(registers);
    this.memberGauges(registers);
    // The event-loop delay histogram samples every 100 ms: prom-client's default of 10 ms wakes an
    // idle gateway 100 times a second, each wake-up costing more CPU on a VM than the sample is worth.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }

  /** The one call per request: counters, token and cost totals, latency histograms. */
  observe(record: UsageRecord, cost: number | undefined): void {
    this.series.observe(record, cost);
  }

  safety(side: string, action: string, category: string): void {
    this.safetyEvents.inc({ side, action, category });
  }

  rejected(consumer: string, scope: RejectionScope): void {
    this.limiterRejections.inc({ consumer, scope });
  }

  /** Status and code come from the gateway's own error list: bounded cardinality. */
  httpRejected(status: number, code: string): void {
    this.httpRejections.inc({ status: String(status), code });
  }

  /** Exposes an outbox's depth and lag as `atrium_outbox_*{outbox=name}`. */
  watchOutbox(name: string, source: OutboxGaugeSource): void {
    this.outboxes.set(name, source);
  }

  /** Exposes each pool member's circuit and cool-down as `atrium_member_*{member}`. */
  watchMembers(source: () => Iterable<MemberGaugeSource>): void {
    this.members = source;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Read from routing's state when scraped: nothing on the request path. */
  private memberGauges(registers: Registry[]): void {
    const members = (): Iterable<MemberGaugeSource> => this.members?.() ?? [];
    new Gauge({
      name: "atrium_member_circuit_state",
      help: "Circuit breaker state per pool member (resource/deployment): 0 closed, 1 half-open, 2 open.",
      labelNames: ["member"],
      registers,
      collect() {
        const now = performance.now();
        for (const m of members()) this.set({ member: m.id }, CIRCUIT_STATES[m.breaker.state(now)]);
      },
    });
    new Gauge({
      name: "atrium_member_cooling",
      help: "1 while a pool member cools down after a 429 from its upstream.",
      labelNames: ["member"],
      registers,
      collect() {
        const now = performance.now();
        for (const m of members()) this.set({ member: m.id }, m.cooling(now) ? 1 : 0);
      },
    });
    new Counter({
      name: "atrium_member_circuit_opened_total",
      help: "Times a pool member's circuit opened.",
      labelNames: ["member"],
      registers,
      collect() {
        this.reset();
        for (const m of members()) this.inc({ member: m.id }, m.openedTotal);
      },
    });
  }

  private outboxGauges(registers: Registry[]): void {
    const outboxes = this.outboxes;
    const gauge = (name: string, help: string, read: (s: ReturnType<OutboxGaugeSource["stats"]>) => number): void => {
      new Gauge({
        name,
        help,
        labelNames: ["outbox"],
        registers,
        collect() {
          for (const [outbox, source] of outboxes) this.set({ outbox }, read(source.stats()));
        },
      });
    };
    gauge("atrium_outbox_pending_records", "Records written ahead and not yet acknowledged by the store.", (s) => s.pendingRecords);
    gauge("atrium_outbox_pending_bytes", "Bytes of outbox segments not yet acknowledged by the store.", (s) => s.pendingBytes);
    gauge("atrium_outbox_lag_seconds", "Age of the oldest record not yet in the store.", (s) => s.lagMs / 1000);
    const total = (name: string, help: string, read: (s: ReturnType<OutboxGaugeSource["stats"]>) => number): void => {
      new Counter({
        name,
        help,
        labelNames: ["outbox"],
        registers,
        collect() {
          this.reset();
          for (const [outbox, source] of outboxes) this.inc({ outbox }, read(source.stats()));
        },
      });
    };
    total("atrium_outbox_stored_total", "Records the store acknowledged.", (s) => s.storedTotal);
    total("atrium_outbox_store_failures_total", "Store batches that failed and were retried.", (s) => s.storeFailuresTotal);
    total("atrium_outbox_write_errors_total", "Outbox file writes that failed (disk full, I/O error).", (s) => s.writeErrorsTotal);
    total("atrium_outbox_dropped_total", "Records dropped because the disk failed for too long.", (s) => s.droppedTotal);
  }
}
