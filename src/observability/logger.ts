import { pino, type Logger, type DestinationStream } from "pino";

/**
 * Structured JSON logs, to standard output by default. Lines gather in a buffer written when it
 * holds 16,384 characters, 100 ms after a line, and on exit: one line per request must not cost
 * one write(2) per request. Writes are asynchronous, so a reader that stops draining the pipe (a
 * stalled log shipper) makes the buffer grow instead of freezing the gateway.
 * Whatever a caller might put in a header or a body never reaches a log line: the paths below are
 * censored even if someone logs a request by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "atrium" },
      redact: {
        paths: [
          "req.headers.authorization",
          'req.headers["api-key"]',
          "headers.authorization",
          'headers["api-key"]',
          "apiKey",
          "key",
          "token",
          "body",
          "messages",
          "prompt",
          "input",
        ],
        censor: "[redacted]",
      },
    },
    destination ?? standardOutput(),
  );
}

/** The longest a log line waits in the buffer. */
const FLUSH_MS = 100;
/** Characters of lines gathered before they go to sonic-boom as one write. */
const BATCH_CHARS = 16384;

/**
 * Lines gather in one string and go to sonic-boom as one Buffer at 16,384 characters, 100 ms after
 * the first line, or when the process exits; sonic-boom writes off the main thread, queues while a
 * write is in flight and finishes partial writes. Gathering here rather than with its `minLength`:
 * in text mode it measures the bytes of everything waiting on every line (a flatten of all of it
 * per line), in buffer mode it needs a Buffer per line; here one conversion per batch.
 * sonic-boom's own `periodicFlush` writes on every tick, an empty write(2) through the thread pool
 * ten times a second even when the gateway is idle; this timer is armed only by a line.
 */
function standardOutput(): DestinationStream {
  // Buffer mode, no minLength: each batch is written as it comes, or queued behind the write in flight.
  const out = pino.destination({ dest: 1, sync: false, contentMode: "buffer" });
  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  const handOver = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = Buffer.from(pending, "utf8");
    pending = "";
    // In buffer mode sonic-boom takes Buffers; its type names only strings.
    out.write(batch as unknown as string);
  };
  handOverAtExit(handOver);
  return {
    write(line: string): void {
      pending += line;
      if (pending.length >= BATCH_CHARS) handOver();
      else timer ??= setTimeout(handOver, FLUSH_MS).unref();
    },
  };
}

const atExit = new Set<() => void>();

/**
 * Runs `handOver` before pino's own exit hooks, which flush sonic-boom (synchronously on "exit"),
 * so the lines still gathering here are in it by then. One listener per event for every logger.
 */
function handOverAtExit(handOver: () => void): void {
  if (atExit.size === 0) {
    const all = (): void => atExit.forEach((fn) => fn());
    process.prependListener("beforeExit", all);
    process.prependListener("exit", all);
  }
  atExit.add(handOver);
}

export type { Logger };
