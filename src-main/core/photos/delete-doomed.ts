import { chunked, deleteChunked } from '../db/chunked-keys.ts';
import { subtractDeletedPhotos, suspendDeleteCounters, type DeletedPhotoCounts } from '../db/counters.ts';
import type { Db } from '../db/open-database.ts';
import type { DoomedCounts, DoomOptions } from './doomed-preview.ts';
import { removeUnusedFiles } from './unused-files.ts';

/** Separates hashes in group_concat (hashes are hex digits and a library id: never this). */
const SEP = '\u001f';

/** Per chunk of photos: what they count for, and their files other than the one whose hash is the photo's own. */
const PER_PHOTO = `COUNT(*), SUM(availability = 'missing'), SUM(availability = 'offline'), SUM(in_trashcan),
  group_concat(main_file, char(31)) FILTER (WHERE main_file <> image_hash)`;
type Sums = [n: number, missing: number, offline: number, trashed: number, mains: string | null];

/**
 * Deletes the photos `imageHashes` (existing photos' keys, sorted as `Array.prototype.sort` sorts
 * them: the hashes are ASCII, so that is SQLite's own key order) with their album links (all four
 * kinds), faces and file links, then the file records nobody uses any more (the rule of
 * doomed-preview.ts). Every statement works on a set — chunks of 2,000 keys, no row-by-row loop in
 * JavaScript — so 100,000 photos go in one transaction, which this function runs itself, with
 * foreign-key enforcement off: every table that refers to photos or files is cleaned here
 * explicitly (the schema test in db/migrations.test.ts lists them), and skipping SQLite's per-row
 * cascade checks makes 100,000 photos several times faster. Must not be called inside another
 * transaction. Returns the image hashes whose thumbnails are to be removed from disk once committed.
 */
export function deleteDoomed(db: Db, imageHashes: readonly string[], options: DoomOptions = {}): { counts: Omit<DoomedCounts, 'thumbnails'>; imageHashes: readonly string[] } {
  if (db.inTransaction) throw new Error('deleteDoomed runs its own transaction: call it outside one');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction: hence this function owns its own
  try {
    return db.transaction(() => {
      const restoreCounterTriggers = suspendDeleteCounters(db);
      const { libraries, otherFiles } = readDoomed(db, imageHashes);
      const album_links = deleteChunked(db, imageHashes, (list) => `DELETE FROM album_photos WHERE image_hash IN (${list})`);
      const faces = deleteChunked(db, imageHashes, (list) => `DELETE FROM faces WHERE image_hash IN (${list})`);
      deleteChunked(db, imageHashes, (list) => `DELETE FROM photo_files WHERE image_hash IN (${list})`);
      // What Keepsake knew of their sidecars (the sidecar files themselves stay, as every file does).
      deleteChunked(db, imageHashes, (list) => `DELETE FROM sidecar_state WHERE image_hash IN (${list})`);
      deleteChunked(db, imageHashes, (list) => `DELETE FROM sidecar_pending WHERE image_hash IN (${list})`);
      const photos = deleteChunked(db, imageHashes, (list) => `DELETE FROM photos WHERE image_hash IN (${list})`);
      for (const [libraryId, counts] of libraries) subtractDeletedPhotos(db, libraryId, counts);
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
 * One read of the doomed photos: what they count for per library, and the files they refer to
 * besides the one whose hash is the photo's own (usually their only file): a RAW, an XMP…
 */
function readDoomed(db: Db, imageHashes: readonly string[]): { libraries: Map<number, DeletedPhotoCounts>; otherFiles: Set<string> } {
  const libraries = new Map<number, DeletedPhotoCounts>();
  const otherFiles = new Set<string>();
  const add = (libraryId: number, n: number, missing: number, offline: number, trashed: number, mains: string | null) => {
    const counts = libraries.get(libraryId) ?? { n: 0, missing: 0, offline: 0, trashed: 0 };
    libraries.set(libraryId, { n: counts.n + n, missing: counts.missing + missing, offline: counts.offline + offline, trashed: counts.trashed + trashed });
    if (mains !== null) for (const hash of mains.split(SEP)) otherFiles.add(hash);
  };
  // Usually all of a chunk's photos are of one library: then one aggregate (no GROUP BY sort).
  chunked(
    db,
    imageHashes,
    (list) => `SELECT min(library_id), max(library_id), ${PER_PHOTO} FROM photos WHERE image_hash IN (${list})`,
    (statement, part) => {
      const [low, high, ...sums] = statement.raw().get(part) as [number | null, number | null, ...Sums];
      if (low === null) return;
      if (low === high) {
        add(low, ...sums);
        return;
      }
      const byLibrary = db.prepare(`SELECT library_id, ${PER_PHOTO} FROM photos WHERE image_hash IN (${part.map(() => '?').join(',')}) GROUP BY library_id`);
      for (const [libraryId, ...rest] of byLibrary.raw().all(part) as [number, ...Sums][]) add(libraryId, ...rest);
    },
  );
  chunked(
    db,
    imageHashes,
    (list) => `SELECT file_hash FROM photo_files WHERE image_hash IN (${list}) AND file_hash <> image_hash`,
    (statement, part) => {
      for (const hash of statement.pluck().all(part) as string[]) otherFiles.add(hash);
    },
  );
  return { libraries, otherFiles };
}
