import { Writable } from "node:stream";
import { startGateway, type Gateway, type GatewayOptions } from "../../src/gateway.js";
import { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { createLogger } from "../../src/observability/logger.js";
import { writeConfigDir, type ConfigFolder } from "./config-dir.js";

export interface TestGateway extends Gateway {
  /** Every log line the gateway wrote, as text (tests look for leaked secrets here). */
  logs: string[];
  dir: string;
}

/** Writes the folder, starts Atrium on a free loopback port, and captures its logs. */
export async function startTestGateway(folder: ConfigFolder, options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const { dir, remove } = writeConfigDir(folder);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString("utf8"));
      done();
    },
  });
  const gateway = await startGateway({
    configDir: dir,
    port: 0,
    host: "127.0.0.1",
    watch: false,
    logger: createLogger("debug", sink),
    // Tests read the usage records of the requests they make.
    usageSink: new MemoryUsageSink(),
    ...options,
  });
  return {
    ...gateway,
    url: gateway.url,
    port: gateway.port,
    usage: gateway.usage,
    config: gateway.config,
    reload: gateway.reload,
    logs,
    dir,
    async close() {
      await gateway.close();
      remove();
    },
  };
}
