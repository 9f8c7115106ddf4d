/**
 * Undo of a deletion: the photos come back from the backup taken just before it, with their rating,
 * caption, albums, faces and thumbnails — still missing until their files are found (then Scan
 * Photos relinks them as usual). The delete itself records nothing per photo (it must stay fast);
 * the backup is the record.
 *
 * A photo that exists again meanwhile (a scan found its file and made it anew) is never overwritten:
 * it only gets back what it lacks — its rating when it has none (0), its caption when empty, its
 * album links, its faces when it has none. Albums deleted since are not made again.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { UndoResult } from '../../../src-shared/domain.ts';
import { BACKUPS_DIR } from '../data-folder/data-folder-files.ts';
import type { Db } from '../db/open-database.ts';
import { conflict, notFound } from '../errors.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { chooseMainFiles } from '../photos/main-file.ts';
import { markSidecarsPending } from '../sidecars/sidecar-pending.ts';
import { deletionDir, getDeletion, readDeletedList, undoableUntil } from './deletion-records.ts';
import { returnThumbnails } from './hold-thumbnails.ts';

/** The columns two databases' tables have in common (a backup may be of an older schema). */
function sharedColumns(db: Db, table: string): string {
  const columns = (schema: string) => new Set((db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).pluck().all(table, schema) as string[]));
  const here = columns('main');
  const there = columns('undo_source');
  return [...here].filter((name) => there.has(name)).map((name) => `"${name}"`).join(', ');
}

/** Undoes the deletion `jobId`; the caller holds the library (an exclusive write). */
export async function undoDeletion(db: Db, dataDir: string, jobId: string, now: Date): Promise<UndoResult & { libraryId: number }> {
  const deletion = getDeletion(db, jobId);
  if (deletion === undefined) throw notFound(`No deletion ${jobId} to undo (see keepsake deleted)`);
  if (deletion.undone_at !== null) throw conflict(`This deletion was undone already, on ${deletion.undone_at}`);
  if (undoableUntil(deletion.deleted_at) <= now.toISOString()) throw conflict(`This deletion is older than 30 days: it can no longer be undone`);
  const backup = join(dataDir, BACKUPS_DIR, deletion.backup_name);
  if (!existsSync(backup)) throw conflict(`The backup this deletion is undone from is gone (${deletion.backup_name})`);
  const hashes = readDeletedList(dataDir, jobId);

  db.prepare('ATTACH DATABASE ? AS undo_source').run(backup);
  let counts: Omit<UndoResult, 'job_id' | 'thumbnails'> & { back: string[] };
  try {
    counts = db.transaction(() => {
      db.exec('CREATE TEMP TABLE IF NOT EXISTS undo_photos (image_hash TEXT PRIMARY KEY, exists_now INTEGER NOT NULL) WITHOUT ROWID; DELETE FROM temp.undo_photos;');
      db.prepare(
        `INSERT INTO temp.undo_photos (image_hash, exists_now)
         SELECT b.image_hash, EXISTS (SELECT 1 FROM main.photos p WHERE p.image_hash = b.image_hash)
         FROM undo_source.photos b WHERE b.image_hash IN (SELECT value FROM json_each(?)) AND b.library_id = ?`,
      ).run(JSON.stringify(hashes), deletion.library_id);
      const back = db.prepare('SELECT image_hash FROM temp.undo_photos WHERE exists_now = 0').pluck().all() as string[];
      const merged = db.prepare('SELECT count(*) FROM temp.undo_photos WHERE exists_now = 1').pluck().get() as number;

      // The files of the photos that come back, where nothing else took their hash or their path since.
      const fileColumns = sharedColumns(db, 'files');
      db.exec(`INSERT OR IGNORE INTO main.files (${fileColumns})
        SELECT ${fileColumns.split(', ').map((name) => `f.${name}`).join(', ')} FROM undo_source.files f
        WHERE f.hash IN (
          SELECT pf.file_hash FROM undo_source.photo_files pf JOIN temp.undo_photos u ON u.image_hash = pf.image_hash AND u.exists_now = 0
          UNION SELECT p.main_file FROM undo_source.photos p JOIN temp.undo_photos u ON u.image_hash = p.image_hash AND u.exists_now = 0
        )
        AND NOT EXISTS (SELECT 1 FROM main.files m WHERE m.library_id = f.library_id AND m.path = f.path)`);
      const photoColumns = sharedColumns(db, 'photos');
      // A main file that could not come back (its path is another file's now) is left empty and chosen anew below.
      const photoValues = photoColumns
        .split(', ')
        .map((name) => (name === '"main_file"' ? `CASE WHEN EXISTS (SELECT 1 FROM main.files f WHERE f.hash = p.main_file) THEN p.main_file END` : `p.${name}`))
        .join(', ');
      db.exec(`INSERT INTO main.photos (${photoColumns})
        SELECT ${photoValues} FROM undo_source.photos p JOIN temp.undo_photos u ON u.image_hash = p.image_hash AND u.exists_now = 0`);
      db.exec(`INSERT OR IGNORE INTO main.photo_files (image_hash, file_hash)
        SELECT pf.image_hash, pf.file_hash FROM undo_source.photo_files pf JOIN temp.undo_photos u ON u.image_hash = pf.image_hash AND u.exists_now = 0
        WHERE EXISTS (SELECT 1 FROM main.files f WHERE f.hash = pf.file_hash)`);

      // Photos that exist again: only what they lack.
      db.exec(`UPDATE main.photos SET
          rating = CASE WHEN main.photos.rating = 0 THEN b.rating ELSE main.photos.rating END,
          caption = CASE WHEN main.photos.caption = '' THEN b.caption ELSE main.photos.caption END
        FROM undo_source.photos b
        WHERE b.image_hash = main.photos.image_hash AND main.photos.image_hash IN (SELECT image_hash FROM temp.undo_photos WHERE exists_now = 1)`);

      const albumLinks = db.prepare(`INSERT OR IGNORE INTO main.album_photos (album_id, image_hash)
        SELECT a.album_id, a.image_hash FROM undo_source.album_photos a JOIN temp.undo_photos u ON u.image_hash = a.image_hash
        WHERE EXISTS (SELECT 1 FROM main.albums m WHERE m.id = a.album_id)`).run().changes;
      const faceColumns = sharedColumns(db, 'faces').split(', ').filter((name) => name !== '"id"').join(', ');
      const faces = db.prepare(`INSERT INTO main.faces (${faceColumns})
        SELECT ${faceColumns.split(', ').map((name) => `f.${name}`).join(', ')} FROM undo_source.faces f JOIN temp.undo_photos u ON u.image_hash = f.image_hash
        WHERE u.exists_now = 0 OR NOT EXISTS (SELECT 1 FROM main.faces m WHERE m.image_hash = f.image_hash)`).run().changes;

      chooseMainFiles(db, deletion.library_id, back);
      refreshAvailability(db, deletion.library_id, back, now);
      // Their rating, caption, albums and faces are written to their sidecars again (once their files are there).
      markSidecarsPending(db, db.prepare('SELECT image_hash FROM temp.undo_photos').pluck().all() as string[], now);
      const result = { restored: back.length, merged, album_links: albumLinks, faces };
      db.prepare('UPDATE deletions SET undone_at = ?, undo_result = ? WHERE job_id = ?').run(now.toISOString(), JSON.stringify(result), jobId);
      db.exec('DELETE FROM temp.undo_photos');
      return { ...result, back };
    })();
  } finally {
    db.exec('DETACH DATABASE undo_source');
  }
  const thumbnails = await returnThumbnails(dataDir, jobId, counts.back);
  // What was not brought back (photos that exist again kept their own thumbnail) goes now.
  await rm(deletionDir(dataDir, jobId), { recursive: true, force: true });
  const { back: _back, ...rest } = counts;
  return { job_id: jobId, ...rest, thumbnails, libraryId: deletion.library_id };
}
