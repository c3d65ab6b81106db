/**
 * Azure OpenAI data-plane api-versions. By default any well-formed `YYYY-MM-DD` or
 * `YYYY-MM-DD-preview` from the floor on is accepted: Microsoft ships a preview every month or so,
 * the request and response shapes Atrium relies on have not changed since the floor, and a list
 * fixed here would answer 404 to every SDK released after it. `api.versions` in atrium.yaml
 * replaces the rule with an exact allow-list for platforms that restrict clients.
 */
export const API_VERSION_FLOOR = "2022-12-01";

const WELL_FORMED = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/;

/** `allowList` undefined: the default rule. */
export function acceptsApiVersion(version: string, allowList: readonly string[] | undefined): boolean {
  if (allowList !== undefined) return allowList.includes(version);
  const m = WELL_FORMED.exec(version);
  if (!m) return false;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  // A real calendar day: 2024-02-30 is a typo, not a version.
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return false;
  return day >= API_VERSION_FLOOR;
}

/** What the 404 says is accepted. */
export function describeApiVersions(allowList: readonly string[] | undefined): string {
  if (allowList !== undefined) return `Supported versions: ${allowList.join(", ")}.`;
  return `Supported versions: any YYYY-MM-DD or YYYY-MM-DD-preview from ${API_VERSION_FLOOR} on (e.g. 2024-10-21, 2025-04-01-preview).`;
}

/** What Atrium itself sends to azure-openai resources unless a resource says otherwise. */
export const DEFAULT_UPSTREAM_API_VERSION = "2024-10-21";

/** The `anthropic-version` header sent to anthropic resources unless a resource sets `apiVersion`. */
export const DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
