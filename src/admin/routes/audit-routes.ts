import { z } from "zod";
import { GatewayError } from "../../core/errors.js";
import { parsePeriod } from "../../metering/report-period.js";
import { AuditStore, type AuditQuery } from "../../audit/store/audit-store.js";
import { detailView, rawView, summaryView } from "../../audit/store/audit-view.js";
import { ok, type AdminHandler, type AdminRequest } from "../admin-router.js";

/**
 * The audit trail for governance: list and search (redacted text only), read one record, mark it
 * reviewed. The review queue is `?sampled=true&reviewed=false`. Raw text of `full` records has
 * its own route for platform-admin only, so a governance credential can never read it.
 */
const ReviewSchema = z
  .object({
    label: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, "1–64 letters, digits, space, '.', '_' or '-'"),
    note: z.string().max(4000).optional(),
  })
  .strict();

const MAX_LIMIT = 500;

/** GET /admin/audit?consumer=&from=&to=&reviewed=&sampled=&q=&limit=&after= */
export const listAudit: AdminHandler = async (req) => {
  const query = auditQuery(req);
  const rows = await store(req).list(query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next = rows.length > query.limit && last ? `${Number(last.at_ms)}:${last.id}` : null;
  return ok({ object: "list", data: page.map((r) => summaryView(r, true)), next });
};

/** GET /admin/audit/{id}: the redacted prompt and response. */
export const readAudit: AdminHandler = async (req) => ok(detailView(await found(req)));

/** GET /admin/audit/{id}/raw (platform-admin): raw text, kept only for `full` mode. */
export const readAuditRaw: AdminHandler = async (req) => {
  const row = await found(req);
  if (row.mode !== "full") throw new GatewayError("not_found", `Record ${row.id} was captured in ${row.mode} mode: no raw text is kept.`);
  req.log.info({ requestId: req.id, auditId: row.id, consumer: row.consumer, by: req.principal.subject }, "raw audit text read");
  return ok(rawView(row));
};

/** POST /admin/audit/{id}/review {label, note?}: the reviewer is the caller. */
export const reviewAudit: AdminHandler = async (req) => {
  const parsed = ReviewSchema.safeParse(await req.body());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join(".") || undefined;
    throw new GatewayError("invalid_request", `${param ?? "body"}: ${issue?.message ?? "invalid"}`, { param });
  }
  const id = req.params["id"] ?? "";
  const s = store(req);
  const reviewer = `${req.principal.via}:${req.principal.subject}`;
  if (!(await s.review(id, { label: parsed.data.label, note: parsed.data.note, reviewer, atMs: Date.now() }))) throw notFound(id);
  req.log.info({ requestId: req.id, auditId: id, label: parsed.data.label, by: req.principal.subject }, "audit record reviewed");
  return ok(detailView(await found(req)));
};

function store(req: AdminRequest): AuditStore {
  return new AuditStore(req.database.db);
}

async function found(req: AdminRequest) {
  const id = req.params["id"] ?? "";
  const row = await store(req).get(id);
  if (!row) throw notFound(id);
  return row;
}

function notFound(id: string): GatewayError {
  return new GatewayError("not_found", `No audit record with id ${id.slice(0, 64)}.`);
}

function auditQuery(req: AdminRequest): AuditQuery {
  const q = req.query;
  const from = q.get("from");
  const to = q.get("to");
  // Either end may be left open; a date `to` includes that whole day, as in reports.
  const period = from || to ? parsePeriod(from || "1970-01-01", to || "9999-12-31") : undefined;
  const limit = q.get("limit") === null ? 50 : Number(q.get("limit"));
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new GatewayError("invalid_request", `limit is a whole number from 1 to ${MAX_LIMIT}.`, { param: "limit" });
  }
  return {
    consumer: q.get("consumer") || undefined,
    fromMs: period?.fromMs,
    toMs: period?.toMs,
    reviewed: flag(q.get("reviewed"), "reviewed"),
    sampled: flag(q.get("sampled"), "sampled"),
    text: q.get("q") || undefined,
    limit,
    after: cursor(q.get("after")),
  };
}

function flag(value: string | null, param: string): boolean | undefined {
  if (value === null || value === "") return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new GatewayError("invalid_request", `${param} is true or false.`, { param });
}

function cursor(value: string | null): AuditQuery["after"] {
  if (!value) return undefined;
  const at = value.indexOf(":");
  const atMs = Number(value.slice(0, at));
  if (at <= 0 || !Number.isFinite(atMs)) throw new GatewayError("invalid_request", "after is the `next` of a previous page.", { param: "after" });
  return { atMs, id: value.slice(at + 1) };
}
