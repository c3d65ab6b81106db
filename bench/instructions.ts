/**
 * `npm run bench:instructions -- [chat|stream] [requests] [windows]`: instructions per request (or
 * per 20-chunk stream) for Atrium (full chain, as in `npm run bench`) and for the bare proxy, each
 * run under valgrind's callgrind. Instruction counts do not depend on how busy or how fast the
 * machine is, so two builds can be compared to within ~2 % where CPU time on a shared VM moves by
 * 20 %. The upstream runs outside valgrind; each proxy gets a warm-up with instrumentation off,
 * then `windows` windows of `requests` requests at 8 connections, each counted on its own (the
 * first is often a little higher: V8 is still optimising). Needs valgrind (`apt-get install -y
 * valgrind`); takes a few minutes; loopback only; stops by itself.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BENCH_KEY, benchConfigDir, chatBody } from "./bench-config.js";
import { binLine, ROOT, startProcess } from "./processes.js";

const scenario = process.argv[2] === "stream" ? "stream" : "chat";
const REQUESTS = Number(process.argv[3] ?? (scenario === "stream" ? 300 : 1000));
const WINDOWS = Number(process.argv[4] ?? 3);
const WARM_UP = REQUESTS * 5;
const CONNECTIONS = 8;

interface Counted {
  readonly child: ChildProcess;
  readonly url: string;
  readonly out: string;
}

/** `args` for node under callgrind, instrumentation off until told; the URL it prints. */
async function underCallgrind(args: string[], env: Record<string, string>, pattern: RegExp): Promise<Counted> {
  const out = mkdtempSync(join(tmpdir(), "atrium-callgrind-"));
  process.once("exit", () => rmSync(out, { recursive: true, force: true }));
  const child = spawn("valgrind", ["--tool=callgrind", "--smc-check=all-non-file", "--instr-atstart=no", `--callgrind-out-file=${out}/callgrind.%p`, process.execPath, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, ...env },
  });
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  for (let waited = 0; waited < 300_000; waited += 100) {
    const match = pattern.exec(text);
    if (match) return { child, url: match[1]?.startsWith("http") ? match[1] : `http://127.0.0.1:${match[1]}`, out };
    await sleep(100);
  }
  child.kill();
  throw new Error(`${args.join(" ")} did not start under valgrind within 5 minutes`);
}

/** `n` requests (streams read to their end) at CONNECTIONS, one after another on each. */
async function drive(agent: Agent, url: string, model: string, n: number, withKey: boolean): Promise<void> {
  const body = chatBody(model, scenario === "stream" ? { stream: true } : {});
  const target = new URL(`${url}/v1/chat/completions`);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (withKey) headers["authorization"] = `Bearer ${BENCH_KEY}`;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  let left = n;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) await one();
    }),
  );
}

/** Instructions per request in each window, read from the dumps callgrind wrote for `counted`. */
function perRequest(counted: Counted): number[] {
  const windows: number[] = [];
  for (const file of readdirSync(counted.out)) {
    const text = readFileSync(join(counted.out, file), "utf8");
    const part = Number(/^part:\s+(\d+)/m.exec(text)?.[1] ?? 0);
    const total = Number(/^totals:\s+(\d+)/m.exec(text)?.[1] ?? 0);
    if (part >= 1 && part <= WINDOWS) windows[part - 1] = total / REQUESTS;
  }
  return windows;
}

async function measure(name: string, counted: Counted, model: string, withKey: boolean): Promise<number[]> {
  const pid = String(counted.child.pid);
  // One pool of kept-alive connections for the warm-up and every window, as a client keeps them.
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  await drive(agent, counted.url, model, WARM_UP, withKey);
  spawnSync("callgrind_control", ["--instr=on", pid]);
  await sleep(300);
  spawnSync("callgrind_control", ["--zero", pid]);
  for (let w = 0; w < WINDOWS; w++) {
    await drive(agent, counted.url, model, REQUESTS, withKey);
    await sleep(300);
    spawnSync("callgrind_control", ["--dump", pid]);
  }
  agent.destroy();
  counted.child.kill("SIGTERM");
  await new Promise((resolve) => counted.child.once("exit", resolve));
  const windows = perRequest(counted);
  const unit = scenario === "stream" ? "stream" : "request";
  console.log(`${name.padEnd(7)} ${windows.map((n) => Math.round(n).toLocaleString("en")).join(" / ")} instructions per ${unit}`);
  return windows;
}

async function main(): Promise<void> {
  if (spawnSync("valgrind", ["--version"]).error) throw new Error("valgrind is not installed: apt-get install -y valgrind");
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("build failed");
  const upstream = await startProcess(["bench/fake-upstream.ts"], /^(\d+)$/);
  const upstreamUrl = `http://127.0.0.1:${upstream.match[1]}`;
  try {
    console.log(`${scenario}: ${WINDOWS} windows of ${REQUESTS} at ${CONNECTIONS} connections, after ${WARM_UP} uncounted`);
    const configDir = benchConfigDir(upstreamUrl);
    process.once("exit", () => rmSync(configDir, { recursive: true, force: true }));
    const bin = binLine();
    const atrium = await underCallgrind([...bin.flags, "dist/cli/main.js", "serve", "--config", configDir, "--port", "0"], bin.env, /listening on (http:\/\/\S+)/);
    await measure("Atrium", atrium, scenario === "stream" ? "stream-0" : "chat", true);
    const bare = await underCallgrind(["--import", "tsx", "bench/bare-proxy.ts", upstreamUrl], {}, /^(\d+)$/m);
    await measure("bare", bare, scenario === "stream" ? "bench-stream-0" : "bench-chat", false);
  } finally {
    upstream.child.kill("SIGTERM");
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
