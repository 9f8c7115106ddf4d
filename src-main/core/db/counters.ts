import type { Db } from './open-database.ts';

/**
 * Every rule that keeps the stats counters (`library_counts`, `library_file_counts`), so that stats
 * answer in constant time at a million photos.
 *
 * Row by row, SQLite triggers keep them, whoever writes: `libraries_counts_init` (migration 001),
 * `photos_count_insert` / `_delete` / `_update` (001: photos, and missing / offline / trashed photos
 * through `availability` and `in_trashcan`), `files_count_insert` / `_delete` / `_update` (re-created
 * by 005 with the files table: files and bytes per type). Shipped migrations are never edited, so
 * their SQL stays there; this module names them and holds the one exception:
 *
 * A bulk delete (Delete Missing, delete forever: photos/delete-doomed.ts) suspends the two delete
 * triggers inside its transaction and applies what they would have done as one grouped update per
 * library (photos) and per library and type (files) — or recounts a library's files from the rows
 * that stay when most of them go. Why not triggers alone: firing per row, they doubled the database
 * part of Delete Missing of 100,000 photos (measured 2.1 → 4.2 s on a loaded 2-core machine; the bar
 * is 1.5 s). Why not code alone: every writer — and every test that seeds rows by SQL — would have to
 * keep the counters by hand, and one forgotten path would make the stats lie.
 */

/** The row-by-row counter triggers a bulk delete replaces with one grouped update each. */
const DELETE_COUNTER_TRIGGERS = ['photos_count_delete', 'files_count_delete'];

/**
 * Drops the delete counter triggers for the rest of the current transaction and returns the function
 * that re-creates them from their own stored SQL (so a later migration that changes them is honoured).
 * Done inside the transaction, this is invisible to other connections and undone by any rollback.
 */
export function suspendDeleteCounters(db: Db): () => void {
  if (!db.inTransaction) throw new Error('counter triggers may only be suspended inside a transaction');
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${DELETE_COUNTER_TRIGGERS.map(() => '?').join(',')})`)
    .all(...DELETE_COUNTER_TRIGGERS) as { name: string; sql: string }[];
  if (triggers.length !== DELETE_COUNTER_TRIGGERS.length) throw new Error('the counter triggers are not the expected ones');
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  return () => {
    for (const trigger of triggers) db.exec(trigger.sql);
  };
}

/** What deleted photos counted for in one library: photos_count_delete's work, summed. */
export interface DeletedPhotoCounts {
  n: number;
  missing: number;
  offline: number;
  trashed: number;
}

/** Takes deleted photos off a library's counters (with photos_count_delete suspended). */
export function subtractDeletedPhotos(db: Db, libraryId: number, counts: DeletedPhotoCounts): void {
  db.prepare(
    'UPDATE library_counts SET num_photos = num_photos - ?, num_missing = num_missing - ?, num_offline = num_offline - ?, num_trashed = num_trashed - ? WHERE library_id = ?',
  ).run(counts.n, counts.missing, counts.offline, counts.trashed, libraryId);
}

/** Takes deleted files of one type off a library's counters (with files_count_delete suspended). */
export function subtractDeletedFiles(db: Db, libraryId: number, type: string, n: number, bytes: number): void {
  db.prepare('UPDATE library_file_counts SET num_files = num_files - ?, bytes = bytes - ? WHERE library_id = ? AND type = ?').run(n, bytes, libraryId, type);
}

/**
 * A library's file counters are recounted from the rows that stay, instead of subtracting the rows
 * that go, when fewer than this many stay per row that goes. Reading what goes costs one b-tree seek
 * per row (1.5 µs, measured at 100,000 rows); recounting what stays is one ordered pass over the
 * library's rows (0.2 µs a row): past about 7 to 1, the pass is cheaper. When most of a library goes
 * (a drive that died, a tree deleted outside the app), that read was a fifth of Delete Missing.
 */
const RECOUNT_WHEN_STAYING_UNDER = 4;

/** Whether deleting `going` of a library's files is better followed by a recount than by subtracting them. */
export function recountBeatsSubtracting(db: Db, libraryId: number, going: number): boolean {
  const files = (db.prepare('SELECT SUM(num_files) FROM library_file_counts WHERE library_id = ?').pluck().get(libraryId) as number | null) ?? 0;
  return files - going < RECOUNT_WHEN_STAYING_UNDER * going;
}

/** Sets a library's file counters (per type) from its rows, in one pass over them (a type with none left: 0). */
export function recountFiles(db: Db, libraryId: number): void {
  db.prepare('UPDATE library_file_counts SET num_files = 0, bytes = 0 WHERE library_id = ?').run(libraryId);
  db.prepare(
    `UPDATE library_file_counts SET num_files = counted.n, bytes = counted.bytes
     FROM (SELECT type, COUNT(*) AS n, SUM(size) AS bytes FROM files WHERE library_id = @libraryId GROUP BY type) AS counted
     WHERE library_file_counts.library_id = @libraryId AND library_file_counts.type = counted.type`,
  ).run({ libraryId });
}
