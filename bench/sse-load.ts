import { Agent, request } from "undici";

export interface StreamResult {
  streams: number;
  chunks: number;
  errors: number;
  ttftP50ms: number;
  ttftP99ms: number;
  totalP50ms: number;
}

/** `connections` clients each opening streams back to back for `seconds`, timing the first event. */
export async function sseLoad(url: string, body: string, headers: Record<string, string>, connections: number, seconds: number): Promise<StreamResult> {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000 });
  const ttft: number[] = [];
  const total: number[] = [];
  let chunks = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const start = performance.now();
      try {
        const res = await request(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, dispatcher: agent });
        if (res.statusCode !== 200) {
          errors++;
          await res.body.text();
          continue;
        }
        let first = true;
        for await (const chunk of res.body) {
          if (first) {
            ttft.push(performance.now() - start);
            first = false;
          }
          chunks += countEvents(chunk as Buffer);
        }
        total.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await agent.close();
  return { streams: total.length, chunks, errors, ttftP50ms: pct(ttft, 50), ttftP99ms: pct(ttft, 99), totalP50ms: pct(total, 50) };
}

function countEvents(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf("data: "); i !== -1; i = buf.indexOf("data: ", i + 6)) n++;
  return n;
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
