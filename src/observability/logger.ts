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
      // "warn", not 40: log readers and people filter on names.
      formatters: { level: (label) => ({ level: label }) },
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
 * Lines gather in one string and go to sonic-boom as one Buffer once 16,384 characters have
 * gathered (at the end of that turn of the event loop), 100 ms after the first line, or when the
 * process exits; sonic-boom writes off the main thread, queues while a write is in flight and
 * finishes partial writes. Gathering here rather than with its `minLength`: in text mode it
 * measures the bytes of everything waiting on every line (a flatten of all of it per line), in
 * buffer mode it needs a Buffer per line; here one conversion per batch. sonic-boom's own
 * `periodicFlush` writes on every tick, an empty write(2) through the thread pool ten times a
 * second even when the gateway is idle; this timer is armed only by a line.
 *
 * A full batch waits for the end of its turn rather than going at once: a write handed to the
 * thread pool in the turn that calls `process.exit` could land after the lines written
 * synchronously at exit, or not at all. At exit the lines still here are written synchronously
 * after sonic-boom's queue.
 */
function standardOutput(): DestinationStream {
  // Buffer mode, no minLength: each batch is written as it comes, or queued behind the write in flight.
  const out = pino.destination({ dest: 1, sync: false, contentMode: "buffer" });
  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  let turnEnd: NodeJS.Immediate | undefined;
  const take = (): Buffer | undefined => {
    if (timer !== undefined) clearTimeout(timer);
    if (turnEnd !== undefined) clearImmediate(turnEnd);
    timer = turnEnd = undefined;
    if (pending.length === 0) return undefined;
    const batch = Buffer.from(pending, "utf8");
    pending = "";
    return batch;
  };
  const handOver = (): void => {
    const batch = take();
    // In buffer mode sonic-boom takes Buffers; its type names only strings.
    if (batch) out.write(batch as unknown as string);
  };
  onExit({
    beforeExit: handOver,
    exit() {
      const batch = take();
      if (!batch) return;
      try {
        // What sonic-boom holds goes first; then this, through a synchronous one (it finishes
        // partial writes and waits out a full pipe, as the flush does).
        out.flushSync();
        pino.destination({ dest: 1, sync: true, contentMode: "buffer" }).write(batch as unknown as string);
      } catch {
        // Standard output is gone (closed, or a broken pipe): nothing can reach it now.
      }
    },
  });
  return {
    write(line: string): void {
      pending += line;
      if (pending.length >= BATCH_CHARS) turnEnd ??= setImmediate(handOver);
      else timer ??= setTimeout(handOver, FLUSH_MS).unref();
    },
  };
}

interface ExitHooks {
  /** The event loop ran out: asynchronous writes still happen. */
  beforeExit(): void;
  /** The process is exiting now: only synchronous work happens. */
  exit(): void;
}

const atExit = new Set<ExitHooks>();

/**
 * Runs the hooks before pino's own, which flush sonic-boom (synchronously on "exit"), so the lines
 * still gathering here are written by then. One listener per event for every logger.
 */
function onExit(hooks: ExitHooks): void {
  if (atExit.size === 0) {
    process.prependListener("beforeExit", () => atExit.forEach((h) => h.beforeExit()));
    process.prependListener("exit", () => atExit.forEach((h) => h.exit()));
  }
  atExit.add(hooks);
}

export type { Logger };
