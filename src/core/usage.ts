export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  readonly cachedTokens: number;
  /** Where the counts came from: the provider's own report, or our tokenizer. */
  readonly source: "provider" | "tokenizer";
}

/** Reads an OpenAI-shaped `usage` object; undefined when it is not one. */
export function usageFromOpenAI(raw: unknown): Usage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const u = raw as Record<string, unknown>;
  const prompt = u["prompt_tokens"];
  if (typeof prompt !== "number") return undefined;
  const completion = typeof u["completion_tokens"] === "number" ? u["completion_tokens"] : 0;
  const total = typeof u["total_tokens"] === "number" ? u["total_tokens"] : prompt + completion;
  const details = u["prompt_tokens_details"] as Record<string, unknown> | null | undefined;
  const cached = typeof details?.["cached_tokens"] === "number" ? details["cached_tokens"] : 0;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: total, cachedTokens: cached, source: "provider" };
}
