import { pino, type Logger, type DestinationStream } from "pino";

/**
 * Structured JSON logs, to standard output by default. Lines gather in a buffer written when it
 * holds 4 KiB, 100 ms after a line, and on exit: one line per request must not cost one write(2) per
 * request. Writes are asynchronous, so a reader that stops draining the pipe (a stalled log
 * shipper) makes the buffer grow instead of freezing the gateway.
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

/**
 * sonic-boom writes the buffer off the main thread once it holds 4 KiB; a timer armed by the first
 * line that finds nothing waiting writes it after 100 ms at the latest. Bytes handed over minus
 * bytes written tell whether anything waits. sonic-boom's own `periodicFlush` writes on every
 * tick, an empty write(2) through the thread pool ten times a second even when the gateway is idle.
 */
function standardOutput(): DestinationStream {
  // pino flushes an asynchronous destination synchronously when the process exits.
  const out = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  let waiting = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    // A write in flight makes this a no-op; its end ("drain") arms the timer again.
    if (waiting > 0) out.flush();
  };
  const arm = (): void => {
    if (waiting > 0) timer ??= setTimeout(flush, FLUSH_MS).unref();
  };
  out.on("write", (bytes: number) => (waiting -= bytes));
  out.on("drain", arm);
  return {
    write(line: string): void {
      waiting += Buffer.byteLength(line);
      out.write(line);
      arm();
    },
  };
}

export type { Logger };
