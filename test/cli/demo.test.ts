import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { runCli } from "../support/run-cli.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// Every test here serves the repository's own demo folder, whose outbox one process at a time
// may hold: they live in one file so that they run one after another.

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

/** The README's own snippets, run against `atrium demo` on a free port instead of 8080. */
test("the demo serves and the README's curl commands work as written", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "demo", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const lines = createInterface({ input: child.stdout });
    const printed: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`demo exited with ${code}`)));
      lines.on("line", (line) => {
        printed.push(line);
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m && printed.some((l) => l.startsWith("Demo key"))) resolve(m[1] as string);
        if (line.startsWith("Demo key") && printed.some((l) => /listening on/.test(l))) resolve(/listening on (http:\/\/\S+)/.exec(printed.find((l) => /listening on/.test(l)) ?? "")?.[1] as string);
      });
    });
    const readme = readFileSync(`${ROOT}/README.md`, "utf8");
    const curls = [...readme.matchAll(/```sh\n(curl [\s\S]*?)```/g)].map((m) => (m[1] as string).replace(/\\\n\s*/g, " ").trim());
    assert.ok(curls.length >= 2, "the README shows curl examples");
    for (const command of curls) {
      const out = execFileSync("sh", ["-c", command.replaceAll("http://127.0.0.1:8080", url)], { encoding: "utf8" });
      if (command.includes("/admin/")) {
        assert.match(out, /"platform-admin"/, `${command}\n→ ${out}`);
        continue;
      }
      assert.match(out, /simulated/, `${command}\n→ ${out}`);
      if (command.includes("stream")) assert.match(out, /data: \[DONE\]/);
    }
    assert.ok(printed.some((l) => l.includes("atrium-demo-key-change-me")), "the demo key is printed");
    assert.ok(curls.some((c) => c.includes("/admin/")), "the README shows the admin API");
    const dataPlane = curls.filter((c) => !c.includes("/admin/"));
    // Fewer log lines than one batch (16,384 characters): they reach standard output on the flush timer, with the process still running.
    const accessLines = async (): Promise<string[]> => {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = printed.filter((l) => l.includes('"msg":"request"'));
        if (found.length >= dataPlane.length) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      return printed.filter((l) => l.includes('"msg":"request"'));
    };
    assert.equal((await accessLines()).length, dataPlane.length, "one access line per request, written while the gateway runs");
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});
