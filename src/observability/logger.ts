import { pino, type Logger, type DestinationStream } from "pino";

/**
 * Structured JSON logs. Whatever a caller might put in a header or a body never reaches a log
 * line: the paths below are censored even if someone logs a request by mistake.
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
    destination,
  );
}

export type { Logger };
