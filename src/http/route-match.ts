import type { Operation, Surface } from "../core/context.js";

export type RouteMatch =
  | { readonly kind: "inference"; readonly surface: Surface; readonly operation: Operation; readonly operationPath: string; readonly deployment: string | undefined }
  | { readonly kind: "models"; readonly surface: Surface; readonly id: string | undefined }
  | { readonly kind: "count_tokens" }
  | { readonly kind: "health" | "ready" | "metrics" }
  | { readonly kind: "admin"; readonly path: string }
  | { readonly kind: "not_found"; readonly path: string; readonly restricted: boolean };

const OPERATIONS: Readonly<Record<string, Operation>> = {
  "/chat/completions": "chat",
  "/completions": "completions",
  "/embeddings": "embeddings",
};

/** OpenAI API areas this gateway keeps closed unless config opens a route on purpose. */
const RESTRICTED = /^\/(assistants|threads|files|uploads|fine_tuning|fine-tunes|batches|images|audio|moderations|vector_stores|responses|realtime|evals|containers|extensions|chat\/completions\/)/;

const AZURE_DEPLOYMENT = /^\/openai\/deployments\/([^/]+)(\/.*)$/;

/** Matches a path (query already split off) to what serves it; no allocation on the common paths. */
export function matchRoute(path: string, enabledRoutes: readonly string[]): RouteMatch {
  if (path.startsWith("/v1/")) {
    // Anthropic's Messages API, served through the chat completions path.
    if (path === "/v1/messages") return { kind: "inference", surface: "anthropic", operation: "chat", operationPath: "/chat/completions", deployment: undefined };
    if (path === "/v1/messages/count_tokens") return { kind: "count_tokens" };
    return openAISurface(path, path.slice(3), enabledRoutes);
  }
  // Azure's v1 surface: OpenAI's paths and bodies (model in the body, no api-version) under /openai.
  if (path.startsWith("/openai/v1/")) return openAISurface(path, path.slice(10), enabledRoutes);
  if (path.startsWith("/openai/")) {
    const m = AZURE_DEPLOYMENT.exec(path);
    if (m) {
      const deployment = safeDecode(m[1] as string);
      const rest = m[2] as string;
      const operation = OPERATIONS[rest];
      if (deployment !== undefined && operation) {
        return { kind: "inference", surface: "azure", operation, operationPath: rest, deployment };
      }
      if (deployment !== undefined && enabledRoutes.includes(`/openai/deployments/{deployment}${rest}`)) {
        return { kind: "inference", surface: "azure", operation: "passthrough", operationPath: rest, deployment };
      }
      return { kind: "not_found", path, restricted: RESTRICTED.test(rest) };
    }
    if (path === "/openai/models" || path === "/openai/deployments") return { kind: "models", surface: "azure", id: undefined };
    return { kind: "not_found", path, restricted: RESTRICTED.test(path.slice(7)) };
  }
  if (path === "/healthz") return { kind: "health" };
  if (path === "/readyz") return { kind: "ready" };
  if (path === "/metrics") return { kind: "metrics" };
  if (path.startsWith("/admin/")) return { kind: "admin", path };
  return { kind: "not_found", path, restricted: false };
}

function openAISurface(path: string, rest: string, enabledRoutes: readonly string[]): RouteMatch {
  const operation = OPERATIONS[rest];
  if (operation) return { kind: "inference", surface: "openai", operation, operationPath: rest, deployment: undefined };
  if (rest === "/models") return { kind: "models", surface: "openai", id: undefined };
  if (rest.startsWith("/models/") && rest.length > 8) return { kind: "models", surface: "openai", id: safeDecode(rest.slice(8)) };
  // One entry opens a route on both: `/v1/x` and `/openai/v1/x` are the same API.
  if (enabledRoutes.includes(`/v1${rest}`) || enabledRoutes.includes(`/openai/v1${rest}`)) {
    return { kind: "inference", surface: "openai", operation: "passthrough", operationPath: rest, deployment: undefined };
  }
  return { kind: "not_found", path, restricted: RESTRICTED.test(rest) };
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
