import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";

const KEY_NAMES = keywordPattern([
  "api[_\\s-]?key", "apikey", "api[_-]?secret", "api[_-]?token", "access[_\\s-]?key", "access[_-]?token",
  "secret[_\\s-]?key", "secret", "private[_\\s-]?key", "signing[_\\s-]?key", "encryption[_\\s-]?key",
  "client[_-]?secret", "auth[_-]?token", "refresh[_-]?token", "bearer[_-]?token", "session[_-]?token", "token",
  "passwor[dt]", "passwd", "passphrase", "passcode", "pwd", "pin", "kennwort", "mot de passe", "contraseña", "wachtwoord",
]);
const VALUE = "[^\\s\"'`,;<>{}()[\\]]";
// `api_key = "…"`, `"password": "…"`, `SECRET_KEY: …` (group 2, quote in group 1), or prose
// "my password is Tr0ub4dor&3" (group 3), where the value needs a digit or symbol or "the token
// is expired" would count. Only the value is redacted so readers still see which setting it was.
// The key name starts a word or follows "_" (OPENAI_API_KEY): testing that first lets V8 skip the
// middle of words quickly.
const ASSIGNMENT = new RegExp(
  `(?:\\b|_)${KEY_NAMES}(?:["']?[ \\t]*(?::=|=>|[:=])[ \\t]*(["'\`]?)(${VALUE}{6,256})` +
    `|[ \\t]+(?:is|ist|est|es|is now|was|è)[ \\t]+["'\`]?(${VALUE}*[\\d!#$%&*?@^~+=_-]${VALUE}*?)(?=[.!?]?(?:\\s|$)))`,
  "gi",
);
const BEARER = /\b(?:Bearer|Token)[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/g;
const BASIC = /\bAuthorization:[ \t]*Basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})/gi;
// scheme://user:password@host — the password only. Starting at "://" lets V8 skip ahead fast.
const URL_CREDENTIALS = /:\/\/[^\s:/@]{1,64}:([^\s@/]{1,128})(?=@)/g;
// References and placeholders are not secrets: ${VAR}, {{ var }}, process.env.X, <your-key>, ****.
const NOT_A_VALUE =
  /^(?:\$|\{\{|<|%|process\.env|os\.environ|env\(|getenv|null$|none$|nil$|undefined$|true$|false$|required$|optional$|string$|\*+$|x+$|\.\.\.|your[_-]|changeme$|redacted$)/i;
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

function push(m: RegExpExecArray, value: string, out: Finding[]): void {
  // Every pattern here ends with the value, so its start follows from the match end.
  const start = m.index + m[0].length - value.length;
  out.push({ type: "SECRET", start, end: start + value.length });
}

function scanAssignments(text: string, out: Finding[]): void {
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
    const assigned = m[2];
    const prose = m[3];
    if (assigned !== undefined) {
      // Unquoted `apiKey: config.openai.key` is code reading a setting, not a literal secret.
      if (NOT_A_VALUE.test(assigned) || (m[1] === "" && DOTTED_IDENTIFIER.test(assigned))) continue;
      push(m, assigned, out);
    } else if (prose !== undefined && prose.length >= 6 && !NOT_A_VALUE.test(prose)) {
      push(m, prose, out);
    }
  }
}

function scanGroup(text: string, pattern: RegExp, out: Finding[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) push(m, m[1] ?? "", out);
}

export const secretAssignment: Recognizer = {
  type: "SECRET",
  find(text, out: Finding[]) {
    scanAssignments(text, out);
    if (text.includes("Bearer") || text.includes("Token")) scanGroup(text, BEARER, out);
    if (text.includes("Basic")) scanGroup(text, BASIC, out);
    if (text.includes("://")) scanGroup(text, URL_CREDENTIALS, out);
  },
};
