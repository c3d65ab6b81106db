import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { copyOfDemo } from "../support/demo-copy.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = `${ROOT}dist/cli/main.js`;
const built = existsSync(BIN) ? undefined : "dist/ is not built (npm ci builds it)";

test("the built command runs under sh, which starts node with the memory settings", { skip: built }, async () => {
  const valid = spawnSync("sh", [BIN, "validate", `${ROOT}demo`], { encoding: "utf8" });
  assert.equal(valid.status, 0, valid.stderr);
  assert.match(valid.stdout, /is valid/);
  assert.equal(valid.stderr, "");

  // A copy: the demo folder's own outbox belongs to the demo test, which may be running now.
  const dir = copyOfDemo(ROOT, "atrium-start-line-");
  const serve = spawn("sh", [BIN, "serve", "--config", dir, "--port", "0", "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    let out = "";
    serve.stdout.setEncoding("utf8");
    for await (const chunk of serve.stdout) {
      out += chunk as string;
      if (/listening on http/.test(out)) break;
    }
    // exec all the way: the shell's process is node now, with the flag and the variable.
    const pid = serve.pid as number;
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    assert.ok(args.includes("--max-semi-space-size=8"), args.join(" "));
    assert.match(readFileSync(`/proc/${pid}/environ`, "utf8"), /(^|\0)MALLOC_MMAP_THRESHOLD_=131072\0/);
  } finally {
    serve.kill("SIGTERM");
    await once(serve, "exit");
    rmSync(dir, { recursive: true, force: true });
  }
});

test("node reads the start line as a comment: the same command runs without sh", { skip: built }, () => {
  const r = spawnSync(process.execPath, [BIN, "validate", `${ROOT}demo`], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /is valid/);
});
