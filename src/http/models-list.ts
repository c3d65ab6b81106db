import type { Environment } from "../core/catalog.js";
import type { Identity } from "../core/context.js";
import { GatewayError } from "../core/errors.js";

interface ModelEntry {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

/** The caller's own outside deployment names that are live in this environment: nothing else leaks. */
export function modelsFor(identity: Identity, environment: Environment, nowMs: number): ModelEntry[] {
  const out: ModelEntry[] = [];
  for (const route of identity.consumer.routes.values()) {
    const grant = route.environments[environment];
    if (!grant || nowMs < grant.liveAtMs) continue;
    out.push({ id: route.outsideName, object: "model", created: Math.floor(grant.liveAtMs / 1000), owned_by: "atrium" });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export function modelListBody(identity: Identity, environment: Environment, id: string | undefined): unknown {
  const models = modelsFor(identity, environment, Date.now());
  if (id === undefined) return { object: "list", data: models };
  const found = models.find((m) => m.id === id);
  if (!found) throw new GatewayError("model_not_found", `The model '${id}' does not exist or this consumer has no access to it.`, { param: "model" });
  return found;
}
