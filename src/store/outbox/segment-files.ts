import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * On-disk layout of an outbox directory: numbered segment files of JSON lines, written in
 * order, plus the cursor (`cursor-file.ts`), how far the store has acknowledged. Everything
 * before the cursor may be deleted; everything after it is replayed on start.
 */
const SEGMENT = /^(\d{12})\.jsonl$/;

export function segmentPath(dir: string, seq: number): string {
  return join(dir, `${String(seq).padStart(12, "0")}.jsonl`);
}

/** Segment numbers present in `dir` with their sizes, oldest first. */
export function listSegments(dir: string): Array<{ seq: number; size: number }> {
  const out: Array<{ seq: number; size: number }> = [];
  for (const name of readdirSync(dir)) {
    const m = SEGMENT.exec(name);
    if (m) out.push({ seq: Number(m[1]), size: statSync(join(dir, name)).size });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/**
 * One process per outbox directory: two writers would interleave segments and delete each other's
 * work. A lock left by a process that no longer runs (killed) is taken over.
 */
export function acquireLock(dir: string): () => void {
  const path = join(dir, "LOCK");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx", mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(path, "utf8"));
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(`outbox ${dir} is in use by process ${owner}; give each gateway process its own outbox.dir`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock outbox ${dir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
