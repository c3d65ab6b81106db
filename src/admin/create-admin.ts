import type { IncomingMessage, ServerResponse } from "node:http";
import type { AdminServices } from "./admin-router.js";
import { adminRoutes } from "./admin-routes.js";

/** The `HttpDeps.admin` handler: the route table served against the config running now. */
export function createAdmin(services: AdminServices): (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void> {
  const router = adminRoutes();
  return (req, res, requestId) => router.handle(req, res, requestId, services);
}
