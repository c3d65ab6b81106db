/**
 * `npm run build`: the `atrium` command as a few bundled files in `dist/cli/` (esbuild), not one
 * file per module. Under load at c=64 the bundle is ~9 MiB less resident than tsc's output (a
 * file per source, and each package's own modules): zod's 95 modules and Kysely's 262 each kept
 * a module record, a scope and their source text, and whitespace-free sources are smaller
 * (docs/benchmark.md, Memory). Names are kept, so stack traces stay readable; source maps sit
 * beside the files and cost nothing unless node is asked to load them (`--enable-source-maps`).
 *
 * Left outside the bundle: better-sqlite3 (a native addon), pg and ioredis (loaded only when the
 * config names PostgreSQL or Redis), pino (its transports start workers from files beside their
 * own), and what Atrium loads by path at run time (undici's parts, gpt-tokenizer's rank tables).
 */
import { build } from "esbuild";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = "src/cli/main.ts";
const OUT = "dist/cli/main.js";

/**
 * The entry's first two lines, `#!/bin/sh` and `//bin/true; exec env … node … "$0" "$@"`, start
 * node with Atrium's memory settings; esbuild drops comments, so they are put back on top.
 */
const startLines = readFileSync(`${ROOT}${ENTRY}`, "utf8").split("\n", 2);
if (startLines[0] !== "#!/bin/sh" || !startLines[1]?.startsWith("//bin/true; exec ")) {
  throw new Error(`${ENTRY} must start with its #!/bin/sh start line`);
}

rmSync(`${ROOT}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: [ENTRY],
  outdir: "dist/cli",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  legalComments: "external",
  external: ["better-sqlite3", "pg", "ioredis", "pino"],
  // jsonc-parser's main file is UMD, whose `require("./impl/…")` a bundle cannot follow; its ES build can be bundled.
  alias: { "jsonc-parser": "./node_modules/jsonc-parser/lib/esm/main.js" },
  // Bundled CommonJS packages require node's built-ins; an ES module has no `require` of its own.
  banner: { js: 'import { createRequire as atriumCreateRequire } from "node:module"; const require = atriumCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
const out = `${ROOT}${OUT}`;
const bundled = readFileSync(out, "utf8");
writeFileSync(out, `${startLines.join("\n")}\n${bundled.startsWith("#!") ? bundled.slice(bundled.indexOf("\n") + 1) : bundled}`);
chmodSync(out, 0o755);
