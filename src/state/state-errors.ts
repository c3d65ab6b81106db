import { Counter } from "prom-client";
import type { Logger } from "../observability/logger.js";
import type { GatewayMetrics } from "../observability/metrics.js";

/** Reports a failed call to the shared state: a metric always, a warning at most every few seconds. */
export type StateErrorReporter = (operation: string, err: unknown) => void;

const LOG_EVERY_MS = 10_000;

/**
 * While Redis is down every request fails the same way; one warning per operation per 10 s
 * (with how many were not logged) says as much as thousands would. Created once per gateway,
 * so the counter is registered once.
 */
export function stateErrorReporter(log: Logger, metrics: GatewayMetrics | undefined, backend: string): StateErrorReporter {
  const counter = metrics
    ? new Counter({
        name: "atrium_state_errors_total",
        help: "Calls to the shared limiter/budget state (Redis) that failed, by operation.",
        labelNames: ["backend", "operation"],
        registers: [metrics.registry],
      })
    : undefined;
  const lastLogged = new Map<string, { atMs: number; suppressed: number }>();
  return (operation, err) => {
    counter?.inc({ backend, operation });
    const now = Date.now();
    const last = lastLogged.get(operation);
    if (last !== undefined && now - last.atMs < LOG_EVERY_MS) {
      last.suppressed++;
      return;
    }
    lastLogged.set(operation, { atMs: now, suppressed: 0 });
    const message = err instanceof Error ? err.message : String(err);
    log.warn({ backend, operation, error: message, suppressedSinceLast: last?.suppressed ?? 0 }, "shared limiter state unavailable");
  };
}
