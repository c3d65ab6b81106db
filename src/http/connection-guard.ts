import type { Server } from "node:http";
import type { Socket } from "node:net";

/**
 * Caps open client connections without letting idle ones lock everyone out. Node's own
 * `maxConnections` drops every new connection once full, so a few hundred sockets that connect
 * and send nothing would take `/healthz` down with the rest. Here a new connection past the cap
 * closes the longest-open connection that has no request in progress (an idle keep-alive, or one
 * that has not finished its head: those are bounded by the header timeout anyway); only when
 * every connection is serving a request is the new one refused. Returns a per-request hook.
 */
export function guardConnections(server: Server, maxConnections: number, onShed: () => void): (socket: Socket, done: { once(event: "close", listener: () => void): unknown }) => void {
  // Insertion order is age: the first idle socket found is the longest-open one.
  const open = new Map<Socket, number>();
  server.on("connection", (socket: Socket) => {
    if (open.size >= maxConnections && !closeOneIdle(open)) {
      onShed();
      socket.destroy();
      return;
    }
    open.set(socket, 0);
    socket.once("close", () => open.delete(socket));
  });
  return (socket, done) => {
    const busy = open.get(socket);
    if (busy === undefined) return;
    open.set(socket, busy + 1);
    done.once("close", () => {
      const now = open.get(socket);
      if (now !== undefined) open.set(socket, now - 1);
    });
  };
}

function closeOneIdle(open: Map<Socket, number>): boolean {
  for (const [socket, busy] of open) {
    if (busy > 0) continue;
    open.delete(socket);
    socket.destroy();
    return true;
  }
  return false;
}
