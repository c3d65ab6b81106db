import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The README's own snippets, run against `atrium demo` on a free port instead of 8080. */
test("the demo serves and the README's curl commands work as written", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "demo", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const lines = createInterface({ input: child.stdout });
    const printed: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`demo exited with ${code}`)));
      lines.on("line", (line) => {
        printed.push(line);
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m && printed.some((l) => l.startsWith("Demo key"))) resolve(m[1] as string);
        if (line.startsWith("Demo key") && printed.some((l) => /listening on/.test(l))) resolve(/listening on (http:\/\/\S+)/.exec(printed.find((l) => /listening on/.test(l)) ?? "")?.[1] as string);
      });
    });
    const readme = readFileSync(`${ROOT}/README.md`, "utf8");
    const curls = [...readme.matchAll(/```sh\n(curl [\s\S]*?)```/g)].map((m) => (m[1] as string).replace(/\\\n\s*/g, " ").trim());
    assert.ok(curls.length >= 2, "the README shows curl examples");
    for (const command of curls) {
      const out = execFileSync("sh", ["-c", command.replaceAll("http://127.0.0.1:8080", url)], { encoding: "utf8" });
      if (command.includes("/admin/")) {
        assert.match(out, /"platform-admin"/, `${command}\n→ ${out}`);
        continue;
      }
      assert.match(out, /simulated/, `${command}\n→ ${out}`);
      if (command.includes("stream")) assert.match(out, /data: \[DONE\]/);
    }
    assert.ok(printed.some((l) => l.includes("atrium-demo-key-change-me")), "the demo key is printed");
    assert.ok(curls.some((c) => c.includes("/admin/")), "the README shows the admin API");
    const dataPlane = curls.filter((c) => !c.includes("/admin/"));
    // Fewer log lines than one batch (16,384 characters): they reach standard output on the flush timer, with the process still running.
    const accessLines = async (): Promise<string[]> => {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = printed.filter((l) => l.includes('"msg":"request"'));
        if (found.length >= dataPlane.length) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      return printed.filter((l) => l.includes('"msg":"request"'));
    };
    assert.equal((await accessLines()).length, dataPlane.length, "one access line per request, written while the gateway runs");
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});
