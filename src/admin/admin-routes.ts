import { AdminRouter } from "./admin-router.js";
import { createKey, listKeys, revokeKey, rotateKey } from "./routes/keys-routes.js";
import { consumerUsage } from "./routes/usage-route.js";
import { chargebackReportRoute, usageReportRoute } from "./routes/reports-routes.js";
import { whoami } from "./routes/whoami-route.js";
import { listSafetyEvents } from "./routes/safety-events-route.js";
import { listAudit, readAudit, readAuditRaw, reviewAudit } from "./routes/audit-routes.js";

/**
 * Every admin route and the roles allowed to call it. Anything not listed here answers 404 to an
 * authenticated caller (401 to anyone else). Add a route with one line.
 */
export function adminRoutes(): AdminRouter {
  return new AdminRouter()
    .add("GET", "/admin/whoami", "any", whoami)
    .add("GET", "/admin/keys", "platform-admin", listKeys)
    .add("POST", "/admin/keys", "platform-admin", createKey)
    .add("DELETE", "/admin/keys/{id}", "platform-admin", revokeKey)
    .add("POST", "/admin/keys/{id}/rotate", "platform-admin", rotateKey)
    .add("GET", "/admin/consumers/{name}/usage", ["consumer", "operator"], consumerUsage)
    .add("GET", "/admin/reports/usage", ["consumer", "operator", "platform-admin"], usageReportRoute)
    .add("GET", "/admin/reports/chargeback", ["consumer", "operator", "platform-admin"], chargebackReportRoute)
    .add("GET", "/admin/audit", "governance", listAudit)
    .add("GET", "/admin/audit/{id}", "governance", readAudit)
    .add("GET", "/admin/audit/{id}/raw", "platform-admin", readAuditRaw)
    .add("POST", "/admin/audit/{id}/review", "governance", reviewAudit)
    .add("GET", "/admin/safety/events", "governance", listSafetyEvents);
}
