import { GatewayError } from "../../core/errors.js";
import { ok, type AdminHandler } from "../admin-router.js";

/**
 * A consumer's usage records, newest first: operators read anyone's, a consumer only its own. The
 * refusal comes before the existence check so a consumer cannot probe which other consumers exist.
 * Records come from the metering store (every replica's, across restarts).
 */
export const consumerUsage: AdminHandler = async ({ principal, params, query, config, recentUsage }) => {
  const name = params["name"] ?? "";
  const operator = principal.roles.includes("operator");
  if (!operator && principal.consumer?.name !== name) {
    throw new GatewayError("permission_denied", "A consumer can read only its own usage.");
  }
  if (!config.consumers.has(name)) throw new GatewayError("not_found", `Unknown consumer ${name.slice(0, 200)}.`);
  const limit = Math.min(1000, Math.max(1, Number(query.get("limit") ?? 100) || 100));
  const data = await recentUsage(name, limit);
  return ok({ object: "list", consumer: name, data });
};
