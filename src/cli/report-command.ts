import { GatewayError } from "../core/errors.js";
import { priceBookOf } from "../metering/price-book.js";
import { FORMATS, formatChargeback, formatUsage, type ReportFormat } from "../metering/report-format.js";
import { parsePeriod } from "../metering/report-period.js";
import { chargebackReport, parseGrouping, usageReport } from "../metering/reports.js";
import { openDatabase } from "../store/database.js";
import { UsageStore } from "../store/usage/usage-store.js";
import { storeConfig } from "./store-config.js";

export interface ReportOptions {
  readonly config: string;
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
  readonly format: string;
  readonly env?: string;
}

/**
 * `atrium report usage|chargeback`: a file verb. It reads the config folder for `storage:` and
 * `prices:`, opens the store itself and prints the report; no gateway needs to run. Records still
 * in a running gateway's outbox (normally well under a second's worth) are not in it yet.
 */
export async function reportCommand(kind: "usage" | "chargeback", o: ReportOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(o.format)) {
    process.stderr.write(`atrium: --format must be one of ${FORMATS.join(", ")}\n`);
    return 2;
  }
  // Upstream keys are not needed to read the store; only `storage:` and `prices:` must resolve.
  const config = storeConfig(o.config, ["$.storage", "$.prices"]);
  if (!config) return 1;
  let database;
  try {
    const period = parsePeriod(o.from, o.to);
    const by = parseGrouping(o.by, kind === "usage" ? "consumer" : "costCentre");
    const storage = config.platform.storage;
    if (storage.kind === "postgres" && storage.url === "") throw new Error("storage.url is empty: set the environment variable it names");
    database = await openDatabase(storage, config.dir);
    const store = new UsageStore(database.db);
    const query = { ...period, by, environment: o.env };
    const format = o.format as ReportFormat;
    const text = kind === "usage" ? formatUsage(await usageReport(store, query), format) : formatChargeback(await chargebackReport(store, priceBookOf(config), query), format);
    out.write(text);
    return 0;
  } catch (err) {
    process.stderr.write(`atrium: ${err instanceof GatewayError || err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await database?.close();
  }
}
