import metadata from "libphonenumber-js/metadata.max.json";

// libphonenumber-js validates by building `new RegExp(pattern)` from its metadata on every call,
// which costs ~100 µs per number once real traffic evicts V8's regexp cache — the slowest part
// of the whole engine. This applies the same metadata (max: per-type patterns and lengths) with
// each pattern compiled once. The equivalence is checked against libphonenumber in the tests.

interface NumberType {
  readonly pattern: RegExp;
  readonly lengths?: ReadonlySet<number>;
}

interface Plan {
  readonly callingCode: string;
  readonly national: RegExp;
  readonly types: readonly NumberType[];
  /** Strips the trunk prefix ("0", US "1"); absent where numbers keep it (Italy, Spain). */
  readonly prefixForParsing?: RegExp;
}

// Positions in libphonenumber's minified metadata v4 (see its metadata.js).
const CALLING_CODE = 0;
const NATIONAL_PATTERN = 2;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const TYPES = 11;

const plans = new Map<string, Plan | undefined>();
const whole = (source: string): RegExp => new RegExp(`^(?:${source})$`);

function compileType(entry: unknown): NumberType | undefined {
  if (!Array.isArray(entry) || typeof entry[0] !== "string" || entry[0] === "") return undefined;
  const lengths: unknown = entry[1];
  return {
    pattern: whole(entry[0]),
    ...(Array.isArray(lengths) ? { lengths: new Set(lengths.filter((n): n is number => typeof n === "number")) } : {}),
  };
}

function compilePlan(country: string): Plan | undefined {
  const raw: unknown = (metadata.countries as Record<string, unknown>)[country];
  if (!Array.isArray(raw) || typeof raw[NATIONAL_PATTERN] !== "string" || typeof raw[CALLING_CODE] !== "string") return undefined;
  const types = Array.isArray(raw[TYPES]) ? raw[TYPES].map(compileType) : [];
  const parsing: unknown = raw[NATIONAL_PREFIX_FOR_PARSING];
  const prefix: unknown = raw[NATIONAL_PREFIX];
  const prefixSource = typeof parsing === "string" && parsing !== "" ? parsing : typeof prefix === "string" ? prefix : "";
  return {
    callingCode: raw[CALLING_CODE],
    national: whole(raw[NATIONAL_PATTERN]),
    types: types.filter((t): t is NumberType => t !== undefined),
    ...(prefixSource !== "" ? { prefixForParsing: new RegExp(`^(?:${prefixSource})`) } : {}),
  };
}

function planFor(country: string): Plan | undefined {
  if (!plans.has(country)) plans.set(country, compilePlan(country));
  return plans.get(country);
}

/** What libphonenumber's isValid() checks: the general pattern, then some number type. */
function matches(plan: Plan, nationalNumber: string): boolean {
  if (!plan.national.test(nationalNumber)) return false;
  if (plan.types.length === 0) return true;
  const length = nationalNumber.length;
  return plan.types.some((t) => (t.lengths === undefined || t.lengths.has(length)) && t.pattern.test(nationalNumber));
}

const CALLING_CODES = metadata.country_calling_codes as Record<string, readonly string[] | undefined>;

/** Valid in any country sharing the calling code (+1 covers the US, Canada and the Caribbean). */
function matchesAny(countries: readonly string[], nationalNumber: string): boolean {
  return countries.some((country) => {
    const plan = planFor(country);
    return plan !== undefined && matches(plan, nationalNumber);
  });
}

/** Like libphonenumber, drop a trunk prefix ("0", US "1") when what remains is still valid. */
function validWithOrWithoutPrefix(plan: Plan, countries: readonly string[], nationalNumber: string): boolean {
  const prefix = plan.prefixForParsing?.exec(nationalNumber)?.[0];
  if (prefix !== undefined && prefix !== "" && matchesAny(countries, nationalNumber.slice(prefix.length))) return true;
  return matchesAny(countries, nationalNumber);
}

/** `digits` as dialled inside `country`, with or without its trunk prefix. */
export function isValidNationalNumber(digits: string, country: string): boolean {
  const plan = planFor(country);
  if (plan === undefined) return false;
  return validWithOrWithoutPrefix(plan, CALLING_CODES[plan.callingCode] ?? [country], digits);
}

/** `digits` after "+" (or "00"): a country calling code of one to three digits, then the number. */
export function isValidInternationalNumber(digits: string): boolean {
  for (let length = 1; length <= 3; length++) {
    const countries = CALLING_CODES[digits.slice(0, length)];
    if (countries === undefined) continue;
    const main = planFor(countries[0] ?? "");
    return main !== undefined && validWithOrWithoutPrefix(main, countries, digits.slice(length));
  }
  return false;
}
