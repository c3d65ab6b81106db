import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { runCli } from "../support/run-cli.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Starts `atrium demo` from source and resolves with what it printed once its keys are out. */
async function startDemo(args: string[], env: Record<string, string> = {}): Promise<{ printed: string[]; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "demo", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  const printed: string[] = [];
  await new Promise<void>((resolve, reject) => {
    // A demo that never prints its admin key must not outlive the test.
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}: ${printed.join("\n")}`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      printed.push(line);
      if (line.startsWith("Demo admin key")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    printed,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

test("the demo prints an admin key that opens the admin API", async () => {
  const demo = await startDemo(["--port", "0"]);
  try {
    const url = /listening on (http:\/\/\S+)/.exec(demo.printed.join("\n"))?.[1];
    const key = /^Demo admin key \(platform-admin, operator, governance\): (\S+)$/m.exec(demo.printed.join("\n"))?.[1];
    assert.ok(url && key, demo.printed.join("\n"));
    const whoami = await fetch(`${url}/admin/whoami`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(whoami.status, 200);
    assert.deepEqual(((await whoami.json()) as { roles: string[] }).roles.sort(), ["governance", "operator", "platform-admin"]);
    const keys = await fetch(`${url}/admin/keys`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(keys.status, 200);
  } finally {
    await demo.stop();
  }
});

test("the demo listens on $PORT, and --port wins over it", async () => {
  const free = await freePort();
  const demo = await startDemo([], { PORT: String(free) });
  try {
    assert.match(demo.printed.join("\n"), new RegExp(`listening on http://127\\.0\\.0\\.1:${free} `));
  } finally {
    await demo.stop();
  }
  const other = await startDemo(["--port", "0"], { PORT: String(free) });
  try {
    assert.doesNotMatch(other.printed.join("\n"), new RegExp(`:${free} `));
  } finally {
    await other.stop();
  }
});

test("a busy port fails with the way to choose another", async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
  try {
    const busy = (blocker.address() as AddressInfo).port;
    const r = runCli(["demo", "--port", String(busy)]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /EADDRINUSE/);
    assert.match(r.stderr, /npm start -- --port 8081/);
    assert.match(r.stderr, /PORT=8081 npm start/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  } finally {
    blocker.close();
  }
});

test("atrium --version prints the package's version", () => {
  const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string }).version;
  const r = runCli(["--version"]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), version);
});

function freePort(): Promise<number> {
  const s = createServer();
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => {
    const p = (s.address() as AddressInfo).port;
    s.close(() => resolve(p));
  }));
}
