import { ALNUM, BASE64, HEX, type Random, UPPER } from "./random.js";

const NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
const NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";

export function nino(r: Random): string {
  for (;;) {
    const prefix = r.chars(1, NINO_FIRST) + r.chars(1, NINO_SECOND);
    if (["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].includes(prefix)) continue;
    const body = `${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`;
    const suffix = r.chars(1, "ABCD");
    return r.chance(0.5) ? `${prefix} ${body} ${suffix}` : `${prefix}${body.replaceAll(" ", "")}${suffix}`;
  }
}

export function passportNumber(r: Random): string {
  return r.pick([() => r.digits(9), () => r.chars(1, UPPER) + r.digits(8), () => `${r.digits(2)}${r.chars(2, UPPER)}${r.digits(5)}`, () => `C${r.chars(8, "0123456789CFGHJKLMNPRTVWXYZ")}`])();
}

/** German ID card numbers use digits and a reduced letter set. */
export function personalausweis(r: Random): string {
  return r.chars(1, "CFGHJKLMNPRTVWXYZ") + r.chars(8, "0123456789CFGHJKLMNPRTVWXYZ").replace(/^\D*/, (m) => m) + r.digits(1);
}

export function dni(r: Random): string {
  const n = r.int(10000000, 99999999);
  return `${n}${"TRWAGMYFPDXBNJZSQVHLCKE"[n % 23] ?? "T"}`;
}

export function codiceFiscale(r: Random): string {
  return `${r.chars(6, UPPER)}${r.digits(2)}${r.chars(1, "ABCDEHLMPRST")}${r.digits(2)}${r.chars(1, UPPER)}${r.digits(3)}${r.chars(1, UPPER)}`;
}

/** Dutch BSN: nine digits passing the "elfproef". */
export function bsn(r: Random): string {
  for (;;) {
    const digits = r.digits(9);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
    sum -= Number(digits[8]);
    if (sum % 11 === 0 && digits[0] !== "0") return digits;
  }
}

const base64url = (value: string): string => Buffer.from(value).toString("base64url");

export const secrets = {
  openai: (r: Random): string => r.pick(["sk-proj-", "sk-", "sk-ant-api03-"]) + r.chars(r.int(32, 48), `${ALNUM}_-`).replace(/^[-_]/, "a"),
  github: (r: Random): string => `ghp_${r.chars(36, ALNUM)}`,
  slack: (r: Random): string => `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(24, ALNUM)}`,
  stripe: (r: Random): string => `sk_live_${r.chars(24, ALNUM)}`,
  awsKeyId: (r: Random): string => r.pick(["AKIA", "ASIA"]) + r.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
  awsSecret: (r: Random): string => {
    for (;;) {
      const value = r.chars(40, BASE64);
      if (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value)) return value;
    }
  },
  jwt: (r: Random): string => {
    const header = base64url(JSON.stringify({ alg: r.pick(["HS256", "RS256"]), typ: "JWT" }));
    const payload = base64url(JSON.stringify({ sub: r.digits(8), name: "x", iat: 1700000000 + r.int(0, 9999999) }));
    return `${header}.${payload}.${r.chars(43, `${ALNUM}_-`)}`;
  },
  pem: (r: Random, escaped = false): string => {
    const kind = r.pick(["RSA ", "EC ", "", "OPENSSH "]);
    const lines = Array.from({ length: r.int(3, 6) }, () => r.chars(64, BASE64));
    const nl = escaped ? "\\n" : "\n";
    return `-----BEGIN ${kind}PRIVATE KEY-----${nl}${lines.join(nl)}${nl}${r.chars(20, BASE64)}==${nl}-----END ${kind}PRIVATE KEY-----`;
  },
  password: (r: Random): string => r.chars(1, ALNUM) + r.chars(r.int(9, 15), `${ALNUM}!#%&*?`),
  hexToken: (r: Random): string => r.chars(32, HEX),
};
