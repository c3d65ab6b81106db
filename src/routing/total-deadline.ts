import { TOTAL_TIMEOUT } from "../providers/transport-error.js";

export interface TotalDeadline {
  readonly signal: AbortSignal;
  /** Stops the timer; call once the reply is finished or has failed. */
  dispose(): void;
}

const NONE = (signal: AbortSignal): TotalDeadline => ({ signal, dispose() {} });

/**
 * The client's signal, aborted as well when `totalMs` (from the request's start) runs out. Own
 * timer rather than AbortSignal.timeout, which cannot be cancelled: with long limits and many
 * requests its timers would pile up after their requests had long finished.
 */
export function totalDeadline(client: AbortSignal, totalMs: number | undefined, startedAtMs: number): TotalDeadline {
  if (totalMs === undefined) return NONE(client);
  const controller = new AbortController();
  const onClientAbort = (): void => controller.abort(client.reason);
  if (client.aborted) onClientAbort();
  else client.addEventListener("abort", onClientAbort, { once: true });
  const timer = setTimeout(() => {
    const reason = new Error("The pool's total time limit ran out.");
    reason.name = TOTAL_TIMEOUT;
    controller.abort(reason);
  }, Math.max(0, startedAtMs + totalMs - performance.now()));
  timer.unref();
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      client.removeEventListener("abort", onClientAbort);
    },
  };
}
