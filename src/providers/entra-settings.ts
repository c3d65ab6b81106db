import { z } from "zod";
import type { ClientCredentials } from "../core/catalog.js";

export const COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

/**
 * A resource's `auth:` block: Entra ID client credentials the platform calls Azure OpenAI with,
 * instead of an `apiKey`. `authority` (https://login.microsoftonline.com/<tenant>) implies the v2
 * token endpoint; `tokenUrl` names any OAuth 2.0 token endpoint directly.
 */
export const ClientCredentialsSchema = z
  .object({
    tokenUrl: z.url({ protocol: /^https?$/ }).optional(),
    authority: z.url({ protocol: /^https?$/ }).optional(),
    clientId: z.string().min(1),
    /** From the environment: `clientSecret: ${AOAI_CLIENT_SECRET}`. */
    clientSecret: z.string().min(1),
    scope: z.string().min(1).default(COGNITIVE_SERVICES_SCOPE),
  })
  .strict()
  .refine((a) => (a.tokenUrl === undefined) !== (a.authority === undefined), { message: "give exactly one of tokenUrl and authority" });

export type ClientCredentialsSettings = z.infer<typeof ClientCredentialsSchema>;

export function clientCredentials(settings: ClientCredentialsSettings): ClientCredentials {
  const tokenUrl = settings.tokenUrl ?? `${(settings.authority ?? "").replace(/\/+$/, "")}/oauth2/v2.0/token`;
  return { tokenUrl, clientId: settings.clientId, clientSecret: settings.clientSecret, scope: settings.scope };
}
