import { deleteChunked } from '../db/chunked-keys.ts';
import { subtractDeletedPhotos, suspendDeleteCounters, type DeletedPhotoCounts } from '../db/counters.ts';
import type { Db } from '../db/open-database.ts';
import { clearDoomed, prepareDoomed, type DoomedCounts, type DoomOptions } from './doomed-preview.ts';
import { keepOnly, mostGo } from './keep-only.ts';
import { removeUnusedFiles } from './unused-files.ts';

/** Separates hashes in group_concat (hashes are hex digits and a library id: never this). */
const SEP = '\u001f';

/** Per set of photos: what they count for, and their files other than the one whose hash is the photo's own. */
const PER_PHOTO = `COUNT(*), SUM(availability = 'missing'), SUM(availability = 'offline'), SUM(in_trashcan),
  group_concat(main_file, char(31)) FILTER (WHERE main_file <> image_hash)`;
type Sums = [n: number, missing: number, offline: number, trashed: number, mains: string | null];

/**
 * Deletes the photos `imageHashes` (existing photos' keys, sorted as `Array.prototype.sort` sorts
 * them: the hashes are ASCII, so that is SQLite's own key order) with their album links (all four
 * kinds), faces and file links, then the file records nobody uses any more (the rule of
 * doomed-preview.ts). Every statement works on a set — no row-by-row loop in JavaScript: when at
 * least half of all photos go (a drive that died), each table is emptied but for the rows that stay
 * (keep-only.ts: 100,000 photos of 100,000 in 0.8 s, against 5.2–6.9 s row by row); otherwise
 * each doomed row is deleted, in chunks of 2,000 keys. 100,000 photos go in one transaction, which
 * this function runs itself, with foreign-key enforcement off: every table that refers to photos or
 * files is cleaned here explicitly (the schema test in db/migrations.test.ts lists them), skipping
 * SQLite's per-row cascade checks makes 100,000 photos several times faster, and emptying a table
 * needs it. Must not be called inside another transaction. Returns the image hashes whose
 * thumbnails are to be removed from disk once committed.
 */
export function deleteDoomed(db: Db, imageHashes: readonly string[], options: DoomOptions = {}): { counts: Omit<DoomedCounts, 'thumbnails'>; imageHashes: readonly string[] } {
  if (db.inTransaction) throw new Error('deleteDoomed runs its own transaction: call it outside one');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction: hence this function owns its own
  try {
    return db.transaction(() => {
      const restoreCounterTriggers = suspendDeleteCounters(db);
      holdDoomed(db, imageHashes);
      const most = mostGo(imageHashes.length, allPhotos(db));
      const { libraries, otherFiles } = readDoomed(db, most);
      const { album_links, faces, photos } = most ? keepTheRest(db) : deleteEach(db, imageHashes);
      for (const [libraryId, counts] of libraries) subtractDeletedPhotos(db, libraryId, counts);
      clearDoomed(db);
      // The doomed photos are gone now, so "no surviving photo uses it" is simply "no photo uses it".
      const doomedSet = otherFiles.size === 0 ? undefined : new Set(imageHashes);
      const others = doomedSet === undefined ? [] : [...otherFiles].filter((hash) => !doomedSet.has(hash)).sort();
      let files = removeUnusedFiles(db, imageHashes, true) + removeUnusedFiles(db, others);
      if (options.orphanMissingFilesOf !== undefined) {
        // Missing file records a scan left behind without a photo (read after the candidates went,
        // so this reads only what is left of the library's missing files).
        const orphans = db.prepare('SELECT hash FROM files WHERE library_id = ? AND missing = 1').pluck().all(options.orphanMissingFilesOf) as string[];
        files += removeUnusedFiles(db, orphans);
      }
      restoreCounterTriggers();
      const counts = { photos, faces, album_links, files };
      // In the same transaction: the deletion is recorded (for its undo) exactly when it happened.
      options.record?.(counts);
      return { counts, imageHashes };
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
}

/**
 * The doomed keys into `temp.doomed_photos` (one statement; in key order, so each insert appends),
 * for the reads below: a read driven by that table costs half of the same read in chunks of bound
 * keys (measured at 100,000 photos: 82 against 140 ms), and a pass over a table checks each row
 * against it at a third of a microsecond.
 */
function holdDoomed(db: Db, imageHashes: readonly string[]): void {
  prepareDoomed(db);
  db.prepare('INSERT OR IGNORE INTO temp.doomed_photos (image_hash) SELECT value FROM json_each(?)').run(JSON.stringify(imageHashes));
}

const IN_DOOMED = 'IN (SELECT image_hash FROM temp.doomed_photos)';

/** The photos' rows and every row keyed by a photo, in the order they go (the photos last). */
const PHOTO_TABLES = ['album_photos', 'faces', 'photo_files', 'sidecar_state', 'sidecar_pending', 'photos'] as const;
type PhotoRows = { album_links: number; faces: number; photos: number };

/**
 * Each doomed photo's rows deleted (most photos stay). In chunks of bound keys, not driven by the
 * temp table: SQLite runs a DELETE whose WHERE has a subquery in two passes (see chunked-keys.ts).
 */
function deleteEach(db: Db, imageHashes: readonly string[]): PhotoRows {
  // sidecar_state / _pending: what Keepsake knew of their sidecars (the sidecar files stay, as every file does).
  const removed = PHOTO_TABLES.map((table) => deleteChunked(db, imageHashes, (list) => `DELETE FROM ${table} WHERE image_hash IN (${list})`));
  return { album_links: removed[0]!, faces: removed[1]!, photos: removed[5]! };
}

/**
 * Each table emptied but for the rows of the photos that stay (most photos go: see keep-only.ts).
 * The photos first; then each other table keeps the rows of the photos left, found from them (a
 * seek per photo left) rather than by checking every row of the table against the doomed keys (a
 * pass over 400,000 album links and 200,000 faces: 0.3 s). A row whose photo does not exist at all
 * would go too, and be counted: foreign keys make such a row impossible.
 */
function keepTheRest(db: Db): PhotoRows {
  const photos = keepOnly(db, 'photos', `image_hash NOT ${IN_DOOMED}`);
  const removed = PHOTO_TABLES.slice(0, -1).map((table) => keepOnly(db, table, 'image_hash IN (SELECT image_hash FROM main.photos)'));
  return { album_links: removed[0]!, faces: removed[1]!, photos };
}

const allPhotos = (db: Db): number => (db.prepare('SELECT SUM(num_photos) FROM library_counts').pluck().get() as number | null) ?? 0;

/**
 * One read of the doomed photos: what they count for per library, and the files they refer to
 * besides the one whose hash is the photo's own (usually their only file): a RAW, an XMP…
 * When most photos go, by one pass over the photos table (the `+` keeps SQLite off the hash key):
 * stored in folder order (migration 016), 100,000 photos looked up by hash cost a seek in the key
 * and one in the table each, 240–290 ms, against 130–180 ms for the pass.
 */
function readDoomed(db: Db, mostGo: boolean): { libraries: Map<number, DeletedPhotoCounts>; otherFiles: Set<string> } {
  const doomed = `${mostGo ? '+' : ''}image_hash ${IN_DOOMED}`;
  const libraries = new Map<number, DeletedPhotoCounts>();
  const otherFiles = new Set<string>();
  const add = (libraryId: number, n: number, missing: number, offline: number, trashed: number, mains: string | null) => {
    libraries.set(libraryId, { n, missing, offline, trashed });
    if (mains !== null) for (const hash of mains.split(SEP)) otherFiles.add(hash);
  };
  // Usually all the photos are of one library: then one aggregate (no GROUP BY sort).
  const [low, high, ...sums] = db.prepare(`SELECT min(library_id), max(library_id), ${PER_PHOTO} FROM photos WHERE ${doomed}`).raw().get() as [number | null, number | null, ...Sums];
  if (low !== null && low === high) add(low, ...sums);
  else if (low !== null) {
    for (const [libraryId, ...rest] of db.prepare(`SELECT library_id, ${PER_PHOTO} FROM photos WHERE ${doomed} GROUP BY library_id`).raw().all() as [number, ...Sums][]) add(libraryId, ...rest);
  }
  for (const hash of db.prepare(`SELECT file_hash FROM photo_files WHERE image_hash ${IN_DOOMED} AND file_hash <> image_hash`).pluck().all() as string[]) otherFiles.add(hash);
  return { libraries, otherFiles };
}
