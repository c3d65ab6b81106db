import { z } from "zod";
import { ENVIRONMENTS, type Environment } from "../../core/catalog.js";
import { GatewayError } from "../../core/errors.js";
import { DEFAULT_ROTATION_GRACE_SECONDS } from "../../store/keys/key-store.js";
import { created, ok, type AdminHandler, type AdminRequest } from "../admin-router.js";

/** Subscription keys (platform-admin). A new key's text is in the 201 answer and nowhere else, ever. */
const CreateSchema = z
  .object({
    consumer: z.string().min(1),
    environment: z.enum(ENVIRONMENTS as [Environment, ...Environment[]]),
    name: z.string().min(1).max(200).optional(),
  })
  .strict();

const RotateSchema = z.object({ graceSeconds: z.number().int().min(0).max(90 * 86_400).optional() }).strict();

export const listKeys: AdminHandler = async ({ auth, query }) =>
  ok({
    object: "list",
    data: await auth.keys.list({ consumer: query.get("consumer") ?? undefined, environment: query.get("environment") ?? undefined }),
  });

export const createKey: AdminHandler = async (req) => {
  const body = parse(CreateSchema, await req.body());
  if (!req.config.consumers.has(body.consumer)) {
    throw new GatewayError("invalid_request", `Unknown consumer ${body.consumer.slice(0, 200)}.`, { param: "consumer" });
  }
  const issued = await req.auth.keys.create({ ...body, createdBy: by(req) });
  req.log.info({ requestId: req.id, keyId: issued.info.id, consumer: body.consumer, environment: body.environment, by: req.principal.subject }, "api key created");
  return created({ ...issued.info, key: issued.key });
};

export const revokeKey: AdminHandler = async (req) => {
  const info = await req.auth.keys.revoke(req.params["id"] ?? "");
  if (!info) throw new GatewayError("not_found", `No key with id ${(req.params["id"] ?? "").slice(0, 64)}.`);
  req.auth.forgetKey(info.id);
  req.log.info({ requestId: req.id, keyId: info.id, by: req.principal.subject }, "api key revoked");
  return ok(info);
};

export const rotateKey: AdminHandler = async (req) => {
  const body = parse(RotateSchema, await req.body());
  const id = req.params["id"] ?? "";
  const rotated = await req.auth.keys.rotate(id, body.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS, by(req));
  req.auth.forgetKey(id);
  req.log.info({ requestId: req.id, keyId: rotated.info.id, replaces: id, by: req.principal.subject }, "api key rotated");
  return created({ ...rotated.info, key: rotated.key, replaced: rotated.replaced });
};

function by(req: AdminRequest): string {
  return `${req.principal.via}:${req.principal.subject}`;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const param = issue?.path.join(".") || undefined;
  throw new GatewayError("invalid_request", `${param ?? "body"}: ${issue?.message ?? "invalid"}`, { param });
}
