import { request, type Dispatcher } from "../../net/undici.js";
import { IssuerUnreachable } from "./issuer-keys.js";

/** What jose's remote JWKS and our discovery need from HTTP: a GET answering a WHATWG Response. */
export type IdpFetch = (url: string, init: { readonly signal: AbortSignal }) => Promise<Response>;

/**
 * GETs from an identity provider through the given dispatcher (the gateway's egress-checked one),
 * so JWKS and discovery fetches obey the same allow-list as upstream calls. Redirects are not
 * followed: a key set must come from the address config (or the issuer's discovery) names.
 */
export function idpFetch(dispatcher: (() => Dispatcher) | undefined): IdpFetch {
  if (!dispatcher) return (url, init) => fetch(url, { signal: init.signal, redirect: "manual", headers: { accept: "application/json" } });
  return async (url, init) => {
    try {
      const res = await request(url, { method: "GET", dispatcher: dispatcher(), signal: init.signal, headers: { accept: "application/json" } });
      const body = await res.body.arrayBuffer();
      return new Response(body, { status: res.statusCode });
    } catch (err) {
      // Refused by the egress allow-list (the dispatcher's upstream_error) or unreachable: either
      // way the issuer's keys cannot be had, which is the gateway's 503, not an upstream's 502.
      throw new IssuerUnreachable(`cannot fetch ${new URL(url).origin} from the identity provider`, { cause: err });
    }
  };
}
