/**
 * Parses `deployAt`. Our users write ISO 8601 and also `2024-07-02T00:00:0000` (seconds followed
 * by two more digits); both are accepted. A time without an offset is UTC.
 */
const DEPLOY_AT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\d{2})?(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseDeployAt(text: string): number | undefined {
  const m = DEPLOY_AT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", extra, frac, zone] = m;
  const fraction = frac ?? extra ?? "0";
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, "0")}${normaliseZone(zone)}`;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  // Date.parse rolls 2024-02-31 over to March; a date that does not round-trip is a mistake.
  if (new Date(at + zoneOffsetMs(zone)).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return undefined;
  return at;
}

function normaliseZone(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === "Z") return "Z";
  return zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const z = normaliseZone(zone);
  const sign = z.startsWith("-") ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6))) * 60_000;
}
