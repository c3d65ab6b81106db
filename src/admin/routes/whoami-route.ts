import { ok, type AdminHandler } from "../admin-router.js";

/** Any authenticated caller: who the gateway thinks you are, to debug tokens and role grants. */
export const whoami: AdminHandler = ({ principal }) =>
  ok({
    subject: principal.subject,
    via: principal.via,
    roles: principal.roles,
    consumer: principal.consumer?.name ?? null,
    environment: principal.environment,
  });
