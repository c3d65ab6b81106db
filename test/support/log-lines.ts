/**
 * A child process for the logger's tests: `count` info lines through the default logger (standard
 * output), then `exit` (process.exit at once) or `drain` (the event loop runs out).
 */
import { createLogger } from "../../src/observability/logger.js";

const count = Number(process.argv[2]);
const log = createLogger("info");
for (let i = 0; i < count; i++) log.info({ i, note: "é€😀".repeat(i % 7) }, "line");
if (process.argv[3] === "exit") process.exit(0);
