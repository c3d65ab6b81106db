/**
 * The floor the benchmark compares Atrium with: a bare Node pass-through proxy (node:http in,
 * undici out, bodies piped both ways, no policy of any kind), run as its own process like Atrium.
 * Whatever it costs per request or per chunk, any proxy on this machine pays.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { Agent, request } from "undici";

const upstream = process.argv[2] ?? "";
const agent = new Agent({ keepAliveTimeout: 30_000 });

const server = createServer((req, res) => {
  void (async () => {
    try {
      const up = await request(`${upstream}${req.url ?? "/"}`, {
        method: "POST",
        headers: { "content-type": String(req.headers["content-type"] ?? "application/json") },
        body: req,
        dispatcher: agent,
      });
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "content-length", "cache-control"]) {
        const v = up.headers[name];
        if (typeof v === "string") headers[name] = v;
      }
      res.writeHead(up.statusCode, headers);
      await pipeline(up.body, res);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  })();
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
