import { RequestSignal } from "../core/request-signal.js";
import { TOTAL_TIMEOUT } from "../providers/transport-error.js";

export interface TotalDeadline {
  readonly signal: RequestSignal;
  /** Stops the timer; call once the reply is finished or has failed. */
  dispose(): void;
}

const NONE = (signal: RequestSignal): TotalDeadline => ({ signal, dispose() {} });

/**
 * The client's signal, aborted as well when `totalMs` (from the request's start) runs out. Own
 * timer rather than AbortSignal.timeout, which cannot be cancelled: with long limits and many
 * requests its timers would pile up after their requests had long finished.
 */
export function totalDeadline(client: RequestSignal, totalMs: number | undefined, startedAtMs: number): TotalDeadline {
  if (totalMs === undefined) return NONE(client);
  const signal = new RequestSignal();
  let stopListening = (): void => {};
  if (client.aborted) signal.abort(client.reason);
  else stopListening = client.onAbort(() => signal.abort(client.reason));
  const timer = setTimeout(() => {
    const reason = new Error("The pool's total time limit ran out.");
    reason.name = TOTAL_TIMEOUT;
    signal.abort(reason);
  }, Math.max(0, startedAtMs + totalMs - performance.now()));
  timer.unref();
  return {
    signal,
    dispose() {
      clearTimeout(timer);
      stopListening();
    },
  };
}
