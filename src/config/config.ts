import type { Consumer, Deployment, Environment, Resource } from "../core/catalog.js";
import type { CorsSettings } from "./cors-schema.js";
import type { ConfigFiles } from "./read-files.js";
import type { PlatformFile } from "./schema.js";

export interface StaticKey {
  readonly key: string;
  readonly consumer: string;
  readonly environment: Environment | undefined;
}

/** Everything a running gateway needs, resolved, indexed and deep-frozen. */
export interface Config {
  readonly dir: string;
  readonly environment: Environment;
  readonly listen: { readonly host: string; readonly port: number };
  readonly resources: ReadonlyMap<string, Resource>;
  readonly deployments: readonly Deployment[];
  readonly consumers: ReadonlyMap<string, Consumer>;
  readonly consumersByAppId: ReadonlyMap<string, Consumer>;
  /** Per issuer, the app ids it may assert → their consumers (see issuer-bindings.ts). */
  readonly consumersByIssuer: ReadonlyMap<string, ReadonlyMap<string, Consumer>>;
  /** Azure api-versions clients may send; undefined: any well-formed one from the floor on (config/api-versions.ts). */
  readonly apiVersions: readonly string[] | undefined;
  readonly maxBodyBytes: number;
  readonly maxJsonDepth: number;
  /** `server.bodyIdleTimeoutSeconds` in ms; the other `server:` settings apply at start. */
  readonly bodyIdleMs: number;
  readonly enabledRoutes: readonly string[];
  /** This environment's CORS origins; undefined when none are allowed (no CORS header is sent). */
  readonly cors: CorsSettings | undefined;
  /** Origins (and bare hosts) Atrium may connect to: resource endpoints + `egress.allowHosts`. */
  readonly egress: ReadonlySet<string>;
  readonly staticKeys: readonly StaticKey[];
  readonly platform: PlatformFile;
  /** The files as read, for `plan` and the admin API. */
  readonly files: ConfigFiles;
}
