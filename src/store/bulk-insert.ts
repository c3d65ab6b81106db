import type BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, type Kysely } from "kysely";
import type { Tables } from "./tables.js";

/**
 * Batched, idempotent INSERTs for the write-ahead flushers (usage and audit records), the one
 * write that runs at request rate. Built by hand rather than through Kysely's builder: compiling a
 * 500-row INSERT through the builder cost more CPU than the database spent on it.
 *
 * - SQLite: one prepared single-row statement, run per row inside one transaction. SQLite parses
 *   the text once per process instead of a 12,000-placeholder text per batch.
 * - PostgreSQL: one multi-row statement per chunk (one round trip), its text cached per row count.
 */
const sqliteHandles = new WeakMap<Kysely<Tables>, BetterSqlite3.Database>();

/** Called by openDatabase: lets inserts on `db` use the SQLite connection directly. */
export function rememberSqlite(db: Kysely<Tables>, sqlite: BetterSqlite3.Database): void {
  sqliteHandles.set(db, sqlite);
}

export type Cell = string | number | null;

/**
 * Rows as cells in column order, for `insert`. A loop in a function that lives as long as the
 * module, not `rows.map((row) => columns.map(…))` at the call site: V8 holds a function's optimised
 * code only while a closure of it is alive, so closures made per batch (a flusher stores about five
 * batches a second) lost their code at every full GC and were compiled again, each about ten times
 * in 18 seconds of load.
 */
export function cellsOf<C extends string>(rows: readonly Readonly<Record<C, Cell>>[], columns: readonly C[]): Cell[][] {
  const cells = new Array<Cell[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Readonly<Record<C, Cell>>;
    const out = new Array<Cell>(columns.length);
    for (let c = 0; c < columns.length; c++) out[c] = row[columns[c] as C];
    cells[r] = out;
  }
  return cells;
}

/** Rows per PostgreSQL statement: 400 × the widest table (30 columns) stays far under its 65,535 parameters. */
const PG_ROWS = 400;

export class BulkInsert {
  private readonly columnList: string;
  /** Prepared on the first insert: stores built per admin request never insert. */
  private sqliteRun: ((rows: readonly (readonly Cell[])[]) => number) | undefined;
  private readonly pgText = new Map<number, string>();

  constructor(
    private readonly db: Kysely<Tables>,
    readonly table: keyof Tables,
    readonly columns: readonly string[],
    /** The unique column a replayed row collides on; that row is skipped. */
    readonly conflict: string,
  ) {
    this.columnList = columns.join(",");
  }

  /** Each row holds one value per column, in order. Returns how many rows were new. */
  async insert(rows: readonly (readonly Cell[])[]): Promise<number> {
    if (rows.length === 0) return 0;
    const sqlite = this.sqliteRun ?? this.prepareSqlite();
    if (sqlite) return sqlite(rows);
    let inserted = 0;
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const chunk = rows.slice(i, i + PG_ROWS);
      const params: Cell[] = [];
      for (const row of chunk) for (const cell of row) params.push(cell);
      const result = await this.db.executeQuery(CompiledQuery.raw(this.pgSql(chunk.length), params));
      inserted += Number(result.numAffectedRows ?? 0n);
    }
    return inserted;
  }

  private prepareSqlite(): ((rows: readonly (readonly Cell[])[]) => number) | undefined {
    const sqlite = sqliteHandles.get(this.db);
    if (sqlite) {
      const { table, columns, conflict } = this;
      const statement = sqlite.prepare<Cell[]>(
        `insert into ${table} (${this.columnList}) values (${columns.map(() => "?").join(",")}) on conflict (${conflict}) do nothing`,
      );
      const run = sqlite.transaction((rows: readonly (readonly Cell[])[]) => {
        let inserted = 0;
        // Cells as arguments, not one array: better-sqlite3 reads an array's elements through V8's
        // generic property lookup, ~400 instructions a cell (54 cells a request for both records).
        for (const row of rows) inserted += statement.run(...row).changes;
        return inserted;
      });
      this.sqliteRun = (rows) => run(rows);
    }
    return this.sqliteRun;
  }

  private pgSql(rows: number): string {
    let text = this.pgText.get(rows);
    if (text) return text;
    const width = this.columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) tuples.push(`(${this.columns.map((_, c) => `$${r * width + c + 1}`).join(",")})`);
    text = `insert into ${this.table} (${this.columnList}) values ${tuples.join(",")} on conflict (${this.conflict}) do nothing`;
    // Batch sizes vary; a few texts cover the common ones (full batches, quiet trickles).
    if (this.pgText.size >= 8) this.pgText.clear();
    this.pgText.set(rows, text);
    return text;
  }
}
