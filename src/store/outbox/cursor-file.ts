import { closeSync, constants, fchmodSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";

export interface Cursor {
  readonly segment: number;
  /** Byte offset of the first unacknowledged line in `segment`. */
  readonly offset: number;
}

const FILE = "cursor";
/** The cursor's first format: one JSON object, replaced by rename. Still read; removed once superseded. */
const LEGACY = "cursor.json";
const SLOT = 96;

interface Slot {
  readonly seq: number;
  readonly cursor: Cursor;
}

/**
 * How far the store has acknowledged, in two fixed slots of one file, written in turn in place
 * (`pwrite`): a crash in the middle of a write leaves the other slot whole, and reading takes the
 * whole slot with the higher number. Each slot carries a CRC-32 of its text. Replacing a file by
 * rename, as before, cost 0.2–0.3 ms per stored batch on ext4 (the kernel starts writing out a
 * file that replaces another), on the event loop; an in-place write costs a few microseconds.
 */
export class CursorFile {
  private readonly fd: number;
  private seq: number;
  private open = true;
  private legacy: boolean;

  constructor(private readonly dir: string) {
    this.seq = readSlots(dir)?.seq ?? 0;
    this.legacy = readLegacy(dir) !== undefined;
    this.fd = openSync(join(dir, FILE), constants.O_RDWR | constants.O_CREAT, 0o600);
    fchmodSync(this.fd, 0o600);
  }

  write(cursor: Cursor): void {
    if (!this.open) return;
    this.seq++;
    const text = `{"seq":${this.seq},"segment":${cursor.segment},"offset":${cursor.offset}}`;
    const line = `${text} ${crc32(text).toString(16).padStart(8, "0")}`.padEnd(SLOT - 1) + "\n";
    writeSync(this.fd, line, (this.seq % 2) * SLOT);
    if (this.legacy) {
      rmSync(join(this.dir, LEGACY), { force: true });
      this.legacy = false;
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }
}

/** A missing or unreadable cursor means "replay everything": duplicates are harmless, loss is not. */
export function readCursor(dir: string): Cursor | undefined {
  return readSlots(dir)?.cursor ?? readLegacy(dir);
}

function readSlots(dir: string): Slot | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, FILE), "latin1");
  } catch {
    return undefined;
  }
  let best: Slot | undefined;
  for (let at = 0; at + SLOT <= text.length; at += SLOT) {
    const slot = parseSlot(text.slice(at, at + SLOT));
    if (slot && (best === undefined || slot.seq > best.seq)) best = slot;
  }
  return best;
}

function parseSlot(raw: string): Slot | undefined {
  const m = /^(\{[^}]*\}) ([0-9a-f]{8})/.exec(raw);
  if (!m || crc32(m[1] as string).toString(16).padStart(8, "0") !== m[2]) return undefined;
  const fields = numbers(JSON.parse(m[1] as string) as unknown, ["seq", "segment", "offset"]);
  return fields && { seq: fields["seq"] as number, cursor: { segment: fields["segment"] as number, offset: fields["offset"] as number } };
}

function readLegacy(dir: string): Cursor | undefined {
  try {
    const fields = numbers(JSON.parse(readFileSync(join(dir, LEGACY), "utf8")) as unknown, ["segment", "offset"]);
    return fields && { segment: fields["segment"] as number, offset: fields["offset"] as number };
  } catch {
    return undefined;
  }
}

function numbers(raw: unknown, keys: readonly string[]): Record<string, number> | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const out: Record<string, number> = {};
  for (const key of keys) {
    const v = (raw as Record<string, unknown>)[key];
    if (!Number.isSafeInteger(v)) return undefined;
    out[key] = v as number;
  }
  return out;
}
