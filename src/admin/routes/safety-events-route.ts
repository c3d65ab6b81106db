import { ok, type AdminHandler } from "../admin-router.js";

const MAX_LIMIT = 1000;

/**
 * GET /admin/safety/events?consumer=&limit=: the newest content-safety events this gateway acted
 * on (block, flag, redact), oldest first, categories and scores only: never the text.
 */
export const listSafetyEvents: AdminHandler = (req) => {
  const consumer = req.query.get("consumer");
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(req.query.get("limit") ?? 100) || 100));
  const all = req.safetyEvents?.list() ?? [];
  const data = (consumer === null ? all : all.filter((e) => e.consumer === consumer)).slice(-limit);
  return ok({ object: "list", data });
};
