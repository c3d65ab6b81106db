import { z } from "zod";

/**
 * An `egress.allowHosts` entry: an origin (`https://login.example.com`, any path is dropped) or a
 * bare host (`login.example.com`, `idp.internal:8443`) that allows any scheme on that host:port.
 * Returns the normalised set key, or undefined when the entry is neither.
 */
export function egressEntry(entry: string): string | undefined {
  try {
    if (entry.includes("://")) {
      const url = new URL(entry);
      return url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
    }
    const url = new URL(`https://${entry}`);
    return url.pathname === "/" && url.username === "" && url.search === "" ? url.host : undefined;
  } catch {
    return undefined;
  }
}

export const EgressSchema = z
  .object({
    allowHosts: z
      .array(z.string().refine((s) => egressEntry(s) !== undefined, { message: "not a host or origin (e.g. login.example.com or https://login.example.com)" }))
      .default([]),
  })
  .strict()
  .prefault({});

/** Origins of every configured endpoint plus the explicit extras: the only places Atrium connects to. */
export function egressSet(endpoints: Iterable<string | undefined>, allowHosts: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const endpoint of endpoints) {
    const key = endpoint === undefined ? undefined : egressEntry(endpoint.includes("://") ? endpoint : `https://${endpoint}`);
    if (key !== undefined) out.add(key);
  }
  for (const entry of allowHosts) {
    const key = egressEntry(entry);
    if (key !== undefined) out.add(key);
  }
  return out;
}

/** Set lookup of an origin as undici hands it to a dispatcher (`scheme://host[:port]`). */
export function egressAllows(allowed: ReadonlySet<string>, origin: string): boolean {
  if (allowed.has(origin)) return true;
  const at = origin.indexOf("://");
  return at >= 0 && allowed.has(origin.slice(at + 3));
}
