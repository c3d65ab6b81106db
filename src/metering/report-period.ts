import { GatewayError } from "../core/errors.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface Period {
  readonly fromMs: number;
  /** Exclusive. */
  readonly toMs: number;
}

/**
 * `--from` / `--to` as people write them. A date is a UTC day; `--to` with a date includes that
 * whole day (`--from 2024-07-01 --to 2024-07-31` is July). A date-time is taken as is, `to`
 * exclusive.
 */
export function parsePeriod(from: string | null | undefined, to: string | null | undefined): Period {
  if (!from || !to) throw new GatewayError("invalid_request", "A report needs from and to (e.g. from=2024-07-01&to=2024-07-31).", { param: from ? "to" : "from" });
  const fromMs = instant(from, "from");
  const toMs = DATE.test(to) ? instant(to, "to") + DAY_MS : instant(to, "to");
  if (toMs <= fromMs) throw new GatewayError("invalid_request", "to must be after from.", { param: "to" });
  return { fromMs, toMs };
}

function instant(text: string, param: string): number {
  // Without an offset a date-time is UTC, like a date: reports must not depend on the host's zone.
  const iso = DATE.test(text) ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new GatewayError("invalid_request", `${param} is not a date (YYYY-MM-DD) or date-time (ISO 8601).`, { param });
  }
  return ms;
}
