import type { Db } from '../db/open-database.ts';

/**
 * Removing most of a table by emptying it and putting back what stays.
 *
 * Deleting row by row is the slow way once most rows go: every row is a seek and a cell removed in
 * the table and in each of its indexes, in an order that suits one of them at best (photos has
 * eleven), and a page cache far smaller than those indexes spills dirty pages into the WAL again
 * and again. Here the rows that stay are copied aside, the table is emptied with one `DELETE`
 * without a WHERE — which SQLite runs as a truncation, handing whole pages to the freelist without
 * reading their rows — and the copies are put back. Measured at 100,000 photos, all going: the
 * photos' delete 2.7 s → 0.1 s of CPU, the checkpoint after it 0.4 s → 3 ms (a few pages written
 * instead of ~100 MB). With half of them going the two ways cost the same (4.0 against 4.2 s of CPU
 * for the whole Delete Missing); with three quarters, 2.2 against 5.4 s: hence KEEP_ONLY_FROM.
 */

/** Emptying a table and putting back what stays beats deleting what goes once this share of its rows goes. */
const KEEP_ONLY_FROM = 0.5;

/** Whether `going` of `all` rows are better removed by keepOnly than deleted one by one. */
export const mostGo = (going: number, all: number): boolean => going > 0 && going >= KEEP_ONLY_FROM * all;

/**
 * Where the rows that stay wait, for the length of one call: a table of the database itself, not a
 * temp one, whose pages (temp_store = MEMORY) would stay in memory until the connection closes,
 * however many rows were kept. Created and dropped inside the caller's transaction, it is never seen
 * by another connection, and a crash rolls it back with the rest.
 */
const SCRATCH = 'keep_only_rows';

/**
 * Empties `table` but for the rows `keepWhere` selects; returns how many rows went. Runs inside the
 * caller's transaction, with foreign keys off: with them on, or with a DELETE trigger on the table,
 * SQLite would empty it row by row (still right, only slow), and cascade — the caller cleans every
 * referring table itself. The table's triggers are suspended meanwhile (dropped, then re-created
 * from their stored SQL): the rows put back are the rows that were there, so no counter and no
 * browse column may change for them.
 */
export function keepOnly(db: Db, table: string, keepWhere: string, ...params: unknown[]): number {
  if (!db.inTransaction) throw new Error("keepOnly runs inside the caller's transaction");
  if ((db.pragma('foreign_keys', { simple: true }) as number) === 1) throw new Error('keepOnly needs foreign keys off: emptying the table would cascade');
  const triggers = db.prepare(`SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name = ?`).all(table) as { name: string; sql: string }[];
  // Named, not `*`: a generated column could not be inserted.
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(table) as string[]).map((name) => `"${name}"`).join(', ');
  for (const trigger of triggers) db.exec(`DROP TRIGGER main."${trigger.name}"`);
  db.exec(`DROP TABLE IF EXISTS main.${SCRATCH}`);
  db.prepare(`CREATE TABLE main.${SCRATCH} AS SELECT ${columns} FROM main."${table}" WHERE ${keepWhere}`).run(...params);
  const emptied = db.prepare(`DELETE FROM main."${table}"`).run().changes;
  const kept = db.prepare(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM main.${SCRATCH}`).run().changes;
  db.exec(`DROP TABLE main.${SCRATCH}`);
  for (const trigger of triggers) db.exec(trigger.sql);
  return emptied - kept;
}
