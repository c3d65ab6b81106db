import type { Config } from "../config/config.js";

export interface TokenPrice {
  /** Per 1M tokens. */
  readonly input: number;
  readonly output: number;
  readonly cached: number | undefined;
}

export interface TokenCounts {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
}

/**
 * The list prices chargeback uses: PAYG tokens by model and version, PTU deployments by the hour.
 * Built once per config; lookups on the request path (the cost metric) are two Map reads.
 */
export class PriceBook {
  constructor(
    readonly currency: string,
    private readonly models: ReadonlyMap<string, TokenPrice>,
    /** By target id, `resource/deployment`. */
    readonly hourlyCosts: ReadonlyMap<string, number>,
  ) {}

  price(model: string | null | undefined, version: string | null | undefined): TokenPrice | undefined {
    if (!model) return undefined;
    return (version ? this.models.get(`${model}@${version}`) : undefined) ?? this.models.get(model);
  }

  /** List-price cost, or undefined when the model has no price. Cached tokens are part of the prompt. */
  tokenCost(model: string | null | undefined, version: string | null | undefined, t: TokenCounts): number | undefined {
    const p = this.price(model, version);
    if (!p) return undefined;
    const cached = Math.min(t.cachedTokens, t.promptTokens);
    return ((t.promptTokens - cached) * p.input + cached * (p.cached ?? p.input) + t.completionTokens * p.output) / 1e6;
  }
}

const EMPTY = new PriceBook("USD", new Map(), new Map());
const books = new WeakMap<Config, PriceBook>();

/** The price book of a config: `prices:` in atrium.yaml plus deployment files' `hourlyCost`. */
export function priceBookOf(config: Config): PriceBook {
  let book = books.get(config);
  if (book) return book;
  const prices = config.platform.prices;
  if (!prices) return EMPTY;
  const models = new Map<string, TokenPrice>();
  for (const [key, p] of Object.entries(prices.models)) models.set(key, { input: p.input, output: p.output, cached: p.cached });
  const hourly = new Map<string, number>();
  for (const { data } of config.files.deployments) {
    if (typeof data.hourlyCost === "number") hourly.set(`${data.aoaiName}/${data.deploymentName}`, data.hourlyCost);
  }
  for (const [target, d] of Object.entries(prices.deployments)) hourly.set(target, d.hourlyCost);
  book = new PriceBook(prices.currency, models, hourly);
  books.set(config, book);
  return book;
}
