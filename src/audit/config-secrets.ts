import { KnownSecrets } from "../redaction/known-secrets.js";
import type { Config } from "../config/config.js";

const built = new WeakMap<Config, KnownSecrets>();

/**
 * The credentials a config holds in clear (static and admin keys, upstream API keys and client
 * secrets, the key secret), as a matcher the redaction engine runs beside its recognisers: a
 * prompt that pastes one must not carry it into the audit store. One per config, built on first use.
 */
export function configSecrets(config: Config): KnownSecrets {
  let secrets = built.get(config);
  if (secrets === undefined) {
    const values: string[] = [];
    for (const k of config.staticKeys) values.push(k.key);
    for (const k of config.platform.auth.adminKeys) values.push(k.key);
    if (config.platform.auth.keySecret) values.push(config.platform.auth.keySecret);
    for (const r of config.resources.values()) {
      if (r.apiKey) values.push(r.apiKey);
    }
    for (const r of Object.values(config.platform.resources)) if (r.auth) values.push(r.auth.clientSecret);
    secrets = new KnownSecrets(values);
    built.set(config, secrets);
  }
  return secrets;
}
