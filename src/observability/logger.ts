import { pino, type Logger, type DestinationStream } from "pino";

/**
 * Structured JSON logs, to standard output by default. Lines are written asynchronously: those
 * logged while a write is in flight go out together in the next one (pino flushes what is left
 * when the process exits), so one line per request does not cost one write(2) per request.
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
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export type { Logger };
