import type { ConfigIssue } from "../../config/issues.js";
import type { ConfigFiles } from "../../config/read-files.js";

/**
 * Cross-file checks of `auth.issuers[].consumers`: every consumer named exists, once per issuer;
 * and with several issuers, a consumer that lists app ids but that no issuer may assert is named,
 * since its tokens would all be refused.
 */
export function checkIssuers(files: ConfigFiles, issues: ConfigIssue[]): void {
  const issuers = files.platform?.auth.issuers ?? [];
  if (issuers.length === 0) return;
  const consumers = new Set(files.consumers.map((c) => c.data.consumerName));
  const known = consumers.size === 0 ? "none" : [...consumers].sort().join(", ");
  const listed = new Set<string>();
  issuers.forEach((issuer, i) => {
    if (!Array.isArray(issuer.consumers)) return;
    const seen = new Set<string>();
    issuer.consumers.forEach((name, j) => {
      const path = `$.auth.issuers[${i}].consumers[${j}]`;
      if (!consumers.has(name)) issues.push({ file: "atrium.yaml", path, message: `unknown consumer ${name} (known: ${known})` });
      else if (seen.has(name)) issues.push({ file: "atrium.yaml", path, message: `consumer ${name} is listed twice` });
      seen.add(name);
      listed.add(name);
    });
  });
  const first = issuers[0];
  if (first?.consumers === undefined || issuers.some((i) => i.consumers === "*")) return;
  for (const { file, data } of files.consumers) {
    if (data.constantAppIdIdentifiers.length > 0 && !listed.has(data.consumerName)) {
      issues.push({
        file,
        path: "$.constantAppIdIdentifiers",
        message: `no issuer may assert consumer ${data.consumerName}'s app ids: add it to an issuer's consumers in atrium.yaml (auth.issuers[].consumers)`,
      });
    }
  }
}
