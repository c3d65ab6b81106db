/**
 * `npm run bench:profile -- <scenario> [seconds]`: Atrium under one benchmark scenario with
 * `--cpu-prof`, then the functions and packages that took the most CPU, by self time. Scenarios:
 * chat (c=16), chat-<n>k (c=16, an n KiB prompt: chat-8k), stream-0 and stream-5 (20 chunks, 0 or 5 ms apart, 16 streams), stream-5x100 (100
 * chunks, 5 ms apart, 16 streams), embed and embed-1536 (c=16, 256 or 1536 dimensions).
 * The profile is kept for Chrome DevTools; its path is printed. Loopback only; stops by itself.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { BENCH_KEY, chatBody as chat, ragChatBody } from "./bench-config.js";
import { startUpstreamAndGateway } from "./processes.js";
import { sseLoad } from "./sse-load.js";
import { wrk } from "./wrk.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const scenario = process.argv[2] ?? "chat";
const seconds = Number(process.argv[3] ?? 10);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "atrium-profile-"));
  const { upstream, gateway, atriumUrl } = await startUpstreamAndGateway(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  const url = `${atriumUrl}/v1/chat/completions`;
  if (scenario === "chat") wrk(url, chat("chat"), auth, 16, seconds);
  else if (/^chat-\d+k$/.test(scenario)) wrk(url, ragChatBody("chat", 1024 * Number(scenario.slice(5, -1))), auth, 16, seconds);
  else if (scenario === "embed" || scenario === "embed-1536") wrk(`${atriumUrl}/v1/embeddings`, JSON.stringify({ model: scenario, input: "The quick brown fox" }), auth, 16, seconds);
  else if (["stream-0", "stream-5", "stream-5x100"].includes(scenario)) await sseLoad(url, chat(scenario, { stream: true }), auth, 16, seconds);
  else throw new Error(`unknown scenario ${scenario}: chat, chat-<n>k, stream-0, stream-5, stream-5x100, embed or embed-1536`);
  gateway.child.kill("SIGTERM");
  await once(gateway.child, "exit");
  upstream.child.kill("SIGTERM");
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile was written to ${dir}`);
  summarise(JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile);
  process.stdout.write(`\nprofile: ${join(dir, file)}\n`);
}

/** Self time per function and per package (node_modules name, node internals, Atrium's own). */
function summarise(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const where = frame.url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, "$1/");
    const key = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1] ?? (frame.url.includes("/dist/") ? "atrium" : frame.url.startsWith("node:") ? "node" : frame.functionName.startsWith("(") ? frame.functionName : "native");
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`).join("\n");
  process.stdout.write(`by package (self time, ${(total / 1e6).toFixed(1)} s sampled)\n${top(packages, 15)}\n\nby function\n${top(fns, 40)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`profile failed: ${String(err)}\n`);
    process.exit(1);
  },
);
