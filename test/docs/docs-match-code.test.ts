import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adminRoutes } from "../../src/admin/admin-routes.js";

const ROOT = join(import.meta.dirname, "../..");
const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");

test("docs/identity.md lists every admin route with its roles, and none as to come", () => {
  const doc = read("docs/identity.md");
  for (const route of adminRoutes().list()) {
    assert.ok(doc.includes(route.pattern), `${route.method} ${route.pattern} is documented`);
    const rows = doc.split("\n").filter((l) => l.startsWith("|") && l.includes(route.pattern));
    for (const role of route.roles) {
      if (role === "any") continue;
      assert.ok(rows.some((r) => r.includes(role)), `${route.pattern}: role ${role} is named in its row`);
    }
  }
  assert.doesNotMatch(doc, /to come/);
});

test("docs/observability.md names every limiter rejection scope and says once how rejected requests are logged", () => {
  const doc = read("docs/observability.md");
  // The scope words the limit and budget policies pass to metrics.rejected (policies/limit, policies/budget).
  for (const scope of ["tokens", "requests", "too_large", "deployment", "lower_environment", "budget", "state_unavailable"]) {
    assert.ok(doc.includes(`\`${scope}\``), `scope ${scope} is documented`);
  }
  assert.doesNotMatch(doc, /are not in the access\s+log/, "no paragraph says refused requests are missing from the access log");
});

test("docs/limits.md gives 429 for a request too large, as the limit policy answers", () => {
  assert.doesNotMatch(read("docs/limits.md"), /400 when admission\.tooLarge/);
});

test("README and ARCHITECTURE.md do not describe a console that does not exist", () => {
  for (const file of ["README.md", "ARCHITECTURE.md"]) {
    const text = read(file).replace(/console\.log/g, "");
    assert.doesNotMatch(text, /\bconsole\b/i, file);
  }
});

test("README's /readyz row says what it checks, and its performance section is one table", () => {
  const readme = read("README.md");
  assert.match(readme, /`GET \/readyz` \|[^\n]*Redis/);
  const perf = readme.slice(readme.indexOf("## Performance"), readme.indexOf("## More"));
  const prose = perf.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("|") && !l.startsWith("#"));
  assert.ok(prose.length <= 8, `${prose.length} lines of prose beside the table`);
});
