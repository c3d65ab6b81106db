import type { Consumer } from "../../core/catalog.js";
import type { IssuerSettings } from "./auth-settings.js";

/**
 * Which issuer may assert which consumer's app ids. An app id is a name inside one tenant: with
 * two issuers, tenant B can mint a token whose `appid` equals an app of tenant A. So each consumer
 * is served only to tokens from the issuers bound to it: those whose `consumers` lists it (or is
 * `"*"`), else the first issuer when that one leaves `consumers` unset. Answers, per issuer, its
 * app ids → consumers.
 */
export function consumersByIssuer(issuers: readonly IssuerSettings[], consumers: Iterable<Consumer>): Map<string, Map<string, Consumer>> {
  const out = new Map<string, Map<string, Consumer>>(issuers.map((i) => [i.issuer, new Map<string, Consumer>()]));
  const first = issuers[0];
  for (const consumer of consumers) {
    let bound = issuers.filter((i) => i.consumers === "*" || (i.consumers?.includes(consumer.name) ?? false));
    if (bound.length === 0 && first && first.consumers === undefined) bound = [first];
    for (const issuer of bound) {
      const byAppId = out.get(issuer.issuer) as Map<string, Consumer>;
      for (const id of consumer.appIds) byAppId.set(id, consumer);
    }
  }
  return out;
}

/** Roles (operator, platform-admin, …) are taken from an issuer trusted for them: by default the first. */
export function grantsRoles(issuers: readonly IssuerSettings[], issuer: IssuerSettings): boolean {
  return issuer.grantsRoles ?? issuers[0] === issuer;
}
