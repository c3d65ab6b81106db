import { Counter, Histogram, Registry } from "prom-client";

/** Totals kept beside the Prometheus series, for logs and tests (the worker process has no /metrics). */
export interface AuditCounts {
  enqueued: number;
  redacted: number;
  stored: number;
  duplicates: number;
  refused: number;
  analyzerFailures: number;
}

/**
 * Delivery of audit records, stage by stage: enqueued (written ahead) → redacted → stored, the
 * end-to-end lag, and what went wrong. Registered in the gateway's registry when given one
 * (`GatewayMetrics.registry`), so they appear on /metrics beside `atrium_outbox_*{outbox="audit"}`.
 */
export class AuditMetrics {
  readonly counts: AuditCounts = { enqueued: 0, redacted: 0, stored: 0, duplicates: 0, refused: 0, analyzerFailures: 0 };
  private readonly enqueuedTotal: Counter<"mode">;
  private readonly redactedTotal: Counter;
  private readonly storedTotal: Counter;
  private readonly duplicatesTotal: Counter;
  private readonly refusedTotal: Counter<"consumer">;
  private readonly analyzerFailuresTotal: Counter;
  private readonly lag: Histogram;

  constructor(registry: Registry = new Registry()) {
    const registers = [registry];
    this.enqueuedTotal = new Counter({ name: "atrium_audit_enqueued_total", help: "Audit records written ahead, by logging mode.", labelNames: ["mode"], registers });
    this.redactedTotal = new Counter({ name: "atrium_audit_redacted_total", help: "Audit records redacted by a worker (redeliveries count again).", registers });
    this.storedTotal = new Counter({ name: "atrium_audit_stored_total", help: "Audit records newly stored.", registers });
    this.duplicatesTotal = new Counter({ name: "atrium_audit_duplicates_total", help: "Redelivered audit records the store already had (at-least-once delivery).", registers });
    this.refusedTotal = new Counter({
      name: "atrium_audit_refused_total",
      help: "Requests refused with 503 because the audit pipeline could not take their record (audit.failClosed).",
      labelNames: ["consumer"],
      registers,
    });
    this.analyzerFailuresTotal = new Counter({ name: "atrium_audit_analyzer_failures_total", help: "Records redacted without the external analyser because it failed.", registers });
    this.lag = new Histogram({
      name: "atrium_audit_lag_seconds",
      help: "From the end of a request to its audit record being stored.",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers,
    });
  }

  enqueued(mode: string): void {
    this.counts.enqueued++;
    this.enqueuedTotal.inc({ mode });
  }

  redacted(n: number, analyzerFailures: number): void {
    this.counts.redacted += n;
    this.redactedTotal.inc(n);
    if (analyzerFailures > 0) {
      this.counts.analyzerFailures += analyzerFailures;
      this.analyzerFailuresTotal.inc(analyzerFailures);
    }
  }

  stored(inserted: number, duplicates: number, lagsSeconds: readonly number[]): void {
    this.counts.stored += inserted;
    this.counts.duplicates += duplicates;
    this.storedTotal.inc(inserted);
    if (duplicates > 0) this.duplicatesTotal.inc(duplicates);
    for (const s of lagsSeconds) this.lag.observe(Math.max(0, s));
  }

  refused(consumer: string): void {
    this.counts.refused++;
    this.refusedTotal.inc({ consumer });
  }
}
