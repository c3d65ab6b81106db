import { createConnection, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface SwitchProxy {
  readonly port: number;
  /** Up: forwards to the target. Down: drops every connection (a queue that cannot be reached). */
  set(up: boolean): void;
  close(): Promise<void>;
}

/** A TCP proxy on loopback in front of a real server, to take it away and bring it back mid-test. */
export async function switchProxy(targetPort: number, up: boolean): Promise<SwitchProxy> {
  let forwarding = up;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (!forwarding) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: "127.0.0.1", port: targetPort });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    set(next) {
      forwarding = next;
      if (!next) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
