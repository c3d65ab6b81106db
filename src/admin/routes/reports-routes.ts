import { GatewayError } from "../../core/errors.js";
import { priceBookOf } from "../../metering/price-book.js";
import { parsePeriod } from "../../metering/report-period.js";
import { chargebackReport, parseGrouping, usageReport, type ReportQuery } from "../../metering/reports.js";
import { UsageStore } from "../../store/usage/usage-store.js";
import { ok, type AdminHandler, type AdminRequest } from "../admin-router.js";

/** Roles that read everyone's reports; any other caller reads its own consumer's line only. */
const ALL_CONSUMERS = ["operator", "platform-admin"] as const;

/** GET /admin/reports/usage?from=&to=&by=consumer|costCentre|deployment[&environment=] */
// Both drain this process's outbox first: a report asked for right after a call includes it (the
// outbox flushes on its own within its interval; other replicas' records arrive with theirs).
export const usageReportRoute: AdminHandler = async (req) => {
  const query = reportQuery(req, "consumer");
  await req.drainUsage();
  return ok(await usageReport(new UsageStore(req.database.db), query));
};

/** GET /admin/reports/chargeback?from=&to=&by=…: PAYG at list price plus PTU amortised by token share. */
export const chargebackReportRoute: AdminHandler = async (req) => {
  const query = reportQuery(req, "costCentre");
  await req.drainUsage();
  return ok(await chargebackReport(new UsageStore(req.database.db), priceBookOf(req.config), query));
};

function reportQuery(req: AdminRequest, fallback: ReportQuery["by"]): ReportQuery {
  const { query, principal } = req;
  const period = parsePeriod(query.get("from"), query.get("to"));
  const by = parseGrouping(query.get("by"), fallback);
  const environment = query.get("environment") ?? undefined;
  if (principal.roles.some((r) => (ALL_CONSUMERS as readonly string[]).includes(r))) return { ...period, by, environment };
  const consumer = principal.consumer?.name;
  if (consumer === undefined) throw new GatewayError("permission_denied", "Reports need the operator role, or a consumer credential for your own usage.");
  return { ...period, by: "consumer", environment, onlyConsumer: consumer };
}
