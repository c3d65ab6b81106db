import { orderNumberFailingLuhn } from "./numbers.js";
import { HEX, type Random } from "./random.js";

const pad = (n: number): string => String(n).padStart(2, "0");

/** Values that look numeric or structured but are not personal data; they must survive redaction. */
export const negatives = {
  order: (r: Random): string => orderNumberFailingLuhn(r),
  version: (r: Random): string =>
    r.pick([
      () => `v${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 99)}`,
      () => `${r.int(1, 20)}.${r.int(0, 20)}.${r.int(0, 9)}`,
      () => `10.0.${r.int(17000, 22631)}.${r.int(100, 4000)}`,
      () => `${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}-beta`,
    ])(),
  uuid: (r: Random): string =>
    `${r.chars(8, HEX)}-${r.chars(4, HEX)}-4${r.chars(3, HEX)}-${r.pick(["8", "9", "a", "b"])}${r.chars(3, HEX)}-${r.chars(12, HEX)}`,
  price: (r: Random): string =>
    r.pick([
      () => `$${r.int(1, 9)},${r.int(100, 999)}.${r.int(10, 99)}`,
      () => `€${r.int(1, 99)}.${r.int(10, 99)}`,
      () => `£${r.int(1, 999)}.00`,
      () => `${r.int(1, 9)}.${r.int(100, 999)},${r.int(10, 99)} €`,
      () => `USD ${r.int(1000, 99999)}.${r.int(10, 99)}`,
    ])(),
  isoDate: (r: Random): string => `${r.int(2019, 2025)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
  euDate: (r: Random): string => `${pad(r.int(1, 28))}.${pad(r.int(1, 12))}.${r.int(2019, 2025)}`,
  time: (r: Random): string => r.pick([() => `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}`, () => `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}`])(),
  timestamp: (r: Random): string => `${r.int(2023, 2025)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}T${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}Z`,
  sha: (r: Random): string => r.chars(r.pick([7, 40, 64]), HEX),
  invoice: (r: Random): string => r.pick([() => `INV-${r.int(2019, 2025)}-${r.digits(5)}`, () => `RE${r.digits(8)}`, () => `FAC/${r.int(2020, 2025)}/${r.digits(4)}`])(),
  ticket: (r: Random): string => `#${r.int(10000, 999999)}`,
  number: (r: Random): string => r.pick([() => String(r.int(2, 999)), () => `${r.int(1, 99)},${r.int(100, 999)}`, () => String(r.int(1000, 9999999))])(),
  status: (r: Random): string => String(r.pick([200, 201, 204, 301, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504])),
  port: (r: Random): string => String(r.pick([80, 443, 3000, 5432, 6379, 8080, 8443, 9090, 27017])),
  percent: (r: Random): string => `${r.int(1, 99)}.${r.int(0, 9)}%`,
  duration: (r: Random): string => `${r.int(1, 9999)} ms`,
  tokens: (r: Random): string => String(r.int(100, 128000)),
  /** 13-digit epoch milliseconds: long digit runs that are neither cards nor phones. */
  epochMs: (r: Random): string => String(1700000000000 + r.int(0, 99999999)),
  /** EAN-13 barcode with its own (non-Luhn) check digit. */
  ean: (r: Random): string => {
    const body = `40${r.digits(10)}`;
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
    return body + String((10 - (sum % 10)) % 10);
  },
  isbn: (r: Random): string => r.pick(["978-3-16-148410-0", "978-0-306-40615-7", "978-2-07-036002-4", "978-84-376-0494-7"]),
  mac: (r: Random): string => Array.from({ length: 6 }, () => r.chars(2, "0123456789ABCDEF")).join(":"),
  coordinates: (r: Random): string => `${r.int(35, 60)}.${r.digits(6)}, ${r.int(1, 30)}.${r.digits(6)}`,
  usDate: (r: Random): string => `${pad(r.int(1, 12))}/${pad(r.int(1, 28))}/${r.int(2019, 2025)}`,
  bigNumber: (r: Random): string => `${r.int(1, 99)} ${r.digits(3)} ${r.digits(3)}`,
  semver: (r: Random): string => r.pick([`${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}+build.${r.int(1, 999)}`, `v${r.int(1, 9)}.0.0-rc.${r.int(1, 9)}`]),
  hexColor: (r: Random): string => `#${r.chars(6, "0123456789abcdef")}`,
  model: (r: Random): string => r.pick(["gpt-4o-2024-08-06", "gpt-35-turbo-0613", "claude-3-5-sonnet-20241022", "text-embedding-3-large", "o1-mini-2024-09-12"]),
};
