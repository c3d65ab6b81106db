import { pino, type Logger, type DestinationStream } from "pino";

/**
 * Structured JSON logs, to standard output by default. Lines gather in a buffer written when it
 * holds 4 KiB or every 100 ms, and on exit: one line per request must not cost one write(2) per
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

function standardOutput(): DestinationStream {
  // pino flushes an asynchronous destination synchronously when the process exits.
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
}

export type { Logger };
