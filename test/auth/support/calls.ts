/** The prompt every auth test sends: it must never show up in a log line. */
export const PROMPT = "prompt-canary-7f3a: summarise the quarterly numbers";

export interface Answer {
  status: number;
  body: { error?: { message: string; type: string; param: string | null; code: string } } & Record<string, unknown>;
}

/** A chat completion through the OpenAI surface with whatever headers the test supplies. */
export async function chat(baseUrl: string, headers: Record<string, string>, model = "gpt35"): Promise<Answer> {
  const res = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model, messages: [{ role: "user", content: PROMPT }] }),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

export const bearer = (credential: string): Record<string, string> => ({ authorization: `Bearer ${credential}` });

/** A JSON call to the admin API. */
export async function admin(baseUrl: string, method: string, path: string, credential: string | undefined, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = credential === undefined ? {} : bearer(credential);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

/** Polls until `check` holds or `ceilingMs` passes; answers whether it held (no duration is asserted). */
export async function eventually(check: () => Promise<boolean>, ceilingMs = 15_000): Promise<boolean> {
  const until = Date.now() + ceilingMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
