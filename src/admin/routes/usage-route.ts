import { GatewayError } from "../../core/errors.js";
import type { UsageRecord } from "../../core/usage-record.js";
import { MemoryUsageSink } from "../../metering/memory-usage-sink.js";
import { ok, type AdminHandler } from "../admin-router.js";

/**
 * A consumer's usage records: operators read anyone's, a consumer only its own. The refusal comes
 * before the existence check so a consumer cannot probe which other consumers exist.
 * Records come from the in-memory sink until the metering store serves them.
 */
export const consumerUsage: AdminHandler = ({ principal, params, query, config, usage }) => {
  const name = params["name"] ?? "";
  const operator = principal.roles.includes("operator");
  if (!operator && principal.consumer?.name !== name) {
    throw new GatewayError("permission_denied", "A consumer can read only its own usage.");
  }
  if (!config.consumers.has(name)) throw new GatewayError("not_found", `Unknown consumer ${name.slice(0, 200)}.`);
  const limit = Math.min(1000, Math.max(1, Number(query.get("limit") ?? 100) || 100));
  const records: readonly UsageRecord[] = usage instanceof MemoryUsageSink ? usage.records : [];
  const data: UsageRecord[] = [];
  for (let i = records.length - 1; i >= 0 && data.length < limit; i--) {
    const record = records[i] as UsageRecord;
    if (record.consumer === name) data.push(record);
  }
  return ok({ object: "list", consumer: name, data });
};
