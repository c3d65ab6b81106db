import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50ms: number;
  p99ms: number;
}

/** In a body, replaced by each request's own number: no two requests send the same text. */
export const REQUEST_NUMBER = "{{request}}";

/**
 * Drives POST load with wrk (one thread, N connections) and reads its Lua summary. A body holding
 * REQUEST_NUMBER is made anew for each request.
 */
export function wrk(url: string, body: string, headers: Record<string, string>, connections: number, seconds: number): LoadResult {
  const dir = mkdtempSync(join(tmpdir(), "atrium-wrk-"));
  const script = join(dir, "post.lua");
  const lines = [
    `wrk.method = "POST"`,
    `wrk.body = ${JSON.stringify(body)}`,
    ...(body.includes(REQUEST_NUMBER)
      ? [
          `local sent = 0`,
          `request = function()`,
          `  sent = sent + 1`,
          `  return wrk.format(nil, nil, nil, (string.gsub(wrk.body, ${JSON.stringify(REQUEST_NUMBER)}, tostring(sent))))`,
          `end`,
        ]
      : []),
    ...Object.entries({ "content-type": "application/json", ...headers }).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
    `done = function(summary, latency, requests)`,
    `  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout`,
    `  io.write(string.format("RESULT %d %d %f %f %f\\n", summary.requests, errors, summary.duration, latency:percentile(50), latency:percentile(99)))`,
    `end`,
  ];
  writeFileSync(script, lines.join("\n"));
  const r = spawnSync("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  const m = /RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stdout);
  if (!m) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  const requests = Number(m[1]);
  const durationUs = Number(m[3]);
  return { requests, errors: Number(m[2]), rps: requests / (durationUs / 1e6), p50ms: Number(m[4]) / 1000, p99ms: Number(m[5]) / 1000 };
}
