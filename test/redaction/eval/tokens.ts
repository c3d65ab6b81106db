/** Secrets that must go and look-alikes that must stay, for the evaluation corpus. */
import { ALNUM, HEX, type Random, UPPER } from "../corpus/random.js";

const B64URL = `${ALNUM}-_`;
const DIGITS = "0123456789";

export interface Secret {
  readonly key: string;
  readonly value: string;
}

/** An API key or token with the key a config or log line would give it. */
export function secret(r: Random): Secret {
  switch (r.int(0, 9)) {
    case 0: return { key: "OPENAI_API_KEY", value: `sk-proj-${r.chars(56, B64URL)}` };
    case 1: return { key: "github_token", value: `ghp_${r.chars(36, ALNUM)}` };
    case 2: return { key: "aws_access_key_id", value: `AKIA${r.chars(16, `${UPPER}234567`)}` };
    case 3: return { key: "slack_bot_token", value: `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(24, ALNUM)}` };
    case 4: return { key: "stripe_key", value: `sk_live_${r.chars(24, ALNUM)}` };
    case 5: return { key: "access_token", value: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${r.chars(40, B64URL)}.${r.chars(43, B64URL)}` };
    case 6: return { key: "api_key", value: r.chars(32, HEX) };
    case 7: return { key: "password", value: `${r.pick(["Sommer", "Verano", "Lato", "Zomer", "Summer", "Verao"])}${r.int(2019, 2025)}${r.pick(["!", "#", "$", "?"])}${r.chars(3, ALNUM)}` };
    case 8: return { key: "gitlab_token", value: `glpat-${r.chars(20, `${ALNUM}-_`)}` };
    default: return { key: "hf_token", value: `hf_${r.chars(34, ALNUM)}` };
  }
}

export interface Keep {
  /** A word that says what the value is, as a log key or a column would. */
  readonly label: string;
  readonly value: string;
}

const p2 = (n: number): string => String(n).padStart(2, "0");

/** Another look-alike of the same kind (a table column holds one kind of value). */
export function negativeLike(r: Random, label: string): Keep {
  for (;;) {
    const next = negative(r);
    if (next.label === label) return next;
  }
}

/** Version strings, SKUs, order numbers, hashes, timestamps, product codes, prices: all must stay. */
export function negative(r: Random): Keep {
  switch (r.int(0, 17)) {
    case 0: return { label: "version", value: `${r.int(0, 12)}.${r.int(0, 30)}.${r.int(0, 40)}` };
    case 1: return { label: "app_version", value: `v${r.int(1, 5)}.${r.int(0, 20)}.${r.int(0, 9)}-${r.pick(["rc1", "beta.2", "alpha", "rc.3"])}` };
    case 2: return { label: "firmware", value: `${r.int(1, 25)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 250)}` };
    case 3: return { label: "sku", value: `SKU-${r.digits(5)}-${r.pick(["BLK", "WHT", "RED", "NAV"])}-${r.pick(["S", "M", "XL"])}` };
    case 4: return { label: "product", value: `${r.chars(2, UPPER)}-${r.digits(4)}-${r.chars(2, UPPER)}` };
    case 5: return { label: "order", value: `ORD-${r.int(2022, 2025)}-${r.digits(7)}` };
    case 6: return { label: "order_no", value: `#${r.int(1, 9)}${r.digits(8)}` };
    case 7: return { label: "sha256", value: r.chars(40, HEX) };
    case 8: return { label: "commit", value: r.chars(7, HEX).replace(/^[0-9]/, "a") };
    case 9: return { label: "ts", value: `${r.int(2023, 2025)}-${p2(r.int(1, 12))}-${p2(r.int(1, 28))}T${p2(r.int(0, 23))}:${p2(r.int(0, 59))}:${p2(r.int(0, 59))}Z` };
    case 10: return { label: "epoch", value: String(r.int(1_690_000_000, 1_740_000_000)) };
    case 11: return { label: "ean", value: r.chars(13, DIGITS) };
    case 12: return { label: "total", value: `${r.pick(["R$ ", "€", "$", ""])}${r.int(1, 9)}${r.pick([".", ","])}${r.digits(3)}${r.pick([",", "."])}${r.digits(2)}${r.pick(["", " zł", " €"])}`.trim() };
    case 13: return { label: "asin", value: `B0${r.chars(8, `${UPPER}${DIGITS}`)}` };
    case 14: return { label: "invoice", value: `INV/${r.int(2023, 2025)}/${p2(r.int(1, 12))}/${r.int(100, 999)}` };
    case 15: return { label: "ref", value: `${r.chars(3, UPPER)}-${r.digits(6)}` };
    case 16: return { label: "build", value: `${r.int(10, 22)}.${r.int(0, 4)}.${r.int(1000, 26000)}.${r.int(100, 5000)}` };
    default: return { label: "request_id", value: `req_${r.chars(24, ALNUM)}` };
  }
}
