import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { standardConfig, TEST_KEY, type ConfigFolder, type StandardOptions } from "../support/config-dir.js";

export const GOVERNANCE_KEY = "governance-key-0123456789abcdef";
export const ADMIN_KEY = "platform-admin-key-0123456789abcdef";
export const CLI = join(import.meta.dirname, "../../src/cli/main.ts");

/** Personal data every audit test puts in prompts: none of it may reach the store in clear. */
export const EMAIL = "jane.doe@example.com";
export const PHONE = "+44 20 7946 0958";
export const PII_PROMPT = `Please email ${EMAIL} or call ${PHONE} about my order.`;

/** The standard platform with an `audit:` block and two admin keys (governance, platform-admin). */
export function auditConfig(audit: Record<string, unknown>, options: StandardOptions = {}): ConfigFolder {
  const config = standardConfig(options);
  const platform = config.platform as Record<string, unknown>;
  const auth = platform["auth"] as Record<string, unknown>;
  auth["adminKeys"] = [
    { key: GOVERNANCE_KEY, roles: ["governance"], name: "reviewer" },
    { key: ADMIN_KEY, roles: ["platform-admin"], name: "admin" },
  ];
  platform["audit"] = audit;
  return config;
}

export interface Sent {
  status: number;
  requestId: string;
  text: string;
  complete: boolean;
}

/** One chat call, JSON or streamed; `complete` only when the client saw the whole response. */
export async function chat(url: string, content: string, options: { stream?: boolean; key?: string; model?: string; requestId?: string } = {}): Promise<Sent> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.key ?? TEST_KEY}`, "content-type": "application/json" };
  if (options.requestId) headers["x-request-id"] = options.requestId;
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers,
    body: JSON.stringify({ model: options.model ?? "gpt35", stream: options.stream ?? false, messages: [{ role: "system", content: "Be brief." }, { role: "user", content }] }),
  });
  const text = await res.text();
  const requestId = res.headers.get("x-request-id") ?? "";
  const complete = res.status === 200 && (options.stream ? text.endsWith("data: [DONE]\n\n") : text.includes('"usage"'));
  return { status: res.status, requestId, text, complete };
}

/** The text a stream delivered, from its SSE body. */
export function streamedText(body: string): string {
  let out = "";
  for (const line of body.split("\n")) {
    if (!line.startsWith("data: {")) continue;
    const json = JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
    out += json.choices?.[0]?.delta?.content ?? "";
  }
  return out;
}

export interface AdminAnswer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

export async function adminCall(url: string, method: string, path: string, key: string, body?: unknown): Promise<AdminAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as AdminAnswer["body"] };
}

/** Polls until `check` holds or `ceilingMs` passes; answers whether it held (no duration is asserted). */
export async function eventually(check: () => Promise<boolean> | boolean, ceilingMs = 20_000): Promise<boolean> {
  const until = Date.now() + ceilingMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** `atrium <args>` as its own process; resolves once a line of its stdout matches `ready`. */
export function spawnCli(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; match: RegExpExecArray; stderr: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, match: m, stderr: () => err });
    });
    child.once("exit", (code) => reject(new Error(`atrium ${args[0]} exited with ${code}: ${err}`)));
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));
}
