import { z } from "zod";

/**
 * The shapes of route `api.enabledRoutes` can open: an OpenAI path (`/v1/…`, served on Azure's
 * `/openai/v1/…` too) or an Azure deployment path with the deployment left as `{deployment}`.
 * Anything else would never match a request, and a platform engineer would read the 404 it keeps
 * answering as "add it to enabledRoutes": so it is a config error instead.
 */
const SERVABLE = /^(\/v1|\/openai\/v1|\/openai\/deployments\/\{deployment\})(\/[A-Za-z0-9_.~-]+)+$/;

export function whyNotServable(route: string): string | undefined {
  if (SERVABLE.test(route)) return undefined;
  if (/^\/openai\/deployments\/[^/{]+\//.test(route)) {
    return `the gateway cannot serve ${route}: write the deployment as {deployment}, e.g. /openai/deployments/{deployment}/images/generations`;
  }
  return `the gateway cannot serve ${route}: a route is /v1/<path>, /openai/v1/<path> or /openai/deployments/{deployment}/<path>, without a query string`;
}

export const EnabledRoutesSchema = z
  .array(
    z.string().superRefine((route, ctx) => {
      const why = whyNotServable(route);
      if (why !== undefined) ctx.addIssue({ code: "custom", message: why });
    }),
  )
  .default([]);
