import { startTestGateway } from "/work/main/test/support/test-gateway.js";
import { limitFolder, chat, TEST_KEY } from "/work/main/test/limit/limit-kit.js";
const gw = await startTestGateway(limitFolder({ grantK: 10, tiers: { "standard.yaml": "requestsPerMinute: 100\ndefaultMaxTokens: 500\n" }, extraPlatform: { tiers: { default: "standard" } } }));
for (let i = 0; i < 3; i++) {
  const r = await chat(gw.url, TEST_KEY, i === 2 ? { max_tokens: 20000 } : {});
  console.log(r.status, Object.fromEntries([...r.headers].filter(([k]) => k.startsWith("x-rate") || k.startsWith("retry") || k === "x-should-retry")), JSON.stringify(r.json).slice(0, 300));
}
console.log(gw.config().consumers.get("team-a")?.tier);
await gw.close();
