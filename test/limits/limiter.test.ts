import { after, describe } from "node:test";
import { memoryLimiter } from "../../src/limits/memory-limiter.js";
import { redisLimiter } from "../../src/limits/redis-limiter.js";
import { limiterSuite } from "./limiter-suite.js";
import { RUN_PREFIX, redisForTests } from "./redis-connection.js";

const { redis, skip, close } = await redisForTests();
after(close);

describe("memory limiter", () => {
  limiterSuite((clock) => memoryLimiter(clock));
});

describe("redis limiter", { skip }, () => {
  let run = 0;
  limiterSuite((clock) => redisLimiter(redis!, { prefix: `${RUN_PREFIX}suite${run++}:`, clock }));
});
