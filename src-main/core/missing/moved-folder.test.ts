import assert from 'node:assert/strict';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { counterValues, realCounts } from '../../../test/support/seed-database.ts';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { scanMissing } from './scan-missing.ts';

const count = (lib: TempLibrary, sql: string, ...params: unknown[]) => lib.db.prepare(sql).pluck().get(...params) as number;

/**
 * Files written to disk and recorded as a scan would have (their real stat), each its own photo
 * (hashes made up: hashing is not what is tested). Returns the hashes in path order.
 */
function trackedFiles(lib: TempLibrary, folder: string, n: number): string[] {
  const insertFile = lib.db.prepare(`INSERT INTO files (hash, library_id, root_id, path, type, size, mtime_ms, dev, ino) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPhoto = lib.db.prepare(`INSERT INTO photos (image_hash, library_id, main_file, added_at) VALUES (?, ?, ?, '2024-01-01')`);
  const link = lib.db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?)');
  mkdirSync(join(lib.rootDir, folder), { recursive: true });
  const hashes: string[] = [];
  lib.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const path = join(lib.rootDir, folder, `f${String(i).padStart(5, '0')}.jpg`);
      writeFileSync(path, 'x');
      const info = statSync(path);
      const hash = `${folder.replace(/\W/g, '')}${i}`.padStart(32, '0') + String(lib.libraryId);
      insertFile.run(hash, lib.libraryId, lib.rootId, path, 'IMAGE', info.size, info.mtimeMs, info.dev, info.ino);
      insertPhoto.run(hash, lib.libraryId, hash);
      link.run(hash, hash);
      hashes.push(hash);
    }
  })();
  return hashes;
}

describe('Scan for Missing: a moved folder', () => {
  it('flags a folder of thousands of files gone and restores it moved back, leaving the rest and a two-file photo right', async () => {
    const lib = makeTempLibrary();
    try {
      const moved = trackedFiles(lib, 'trip', 2300); // more than one chunk of keys
      const kept = trackedFiles(lib, 'home', 200);
      // A photo with a picture in the moved folder (its main) and a RAW that stays: the RAW becomes main.
      const [pairJpg, pairOther] = [moved[7] as string, kept[3] as string];
      lib.db.prepare('DELETE FROM photos WHERE image_hash = ?').run(pairOther);
      lib.db.prepare(`UPDATE files SET type = 'RAW_FILE' WHERE hash = ?`).run(pairOther);
      lib.db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?)').run(pairJpg, pairOther);
      refreshAvailability(lib.db, lib.libraryId);
      const photo = (imageHash: string) => lib.db.prepare('SELECT main_file, availability, missing_since FROM photos WHERE image_hash = ?').get(imageHash) as Record<string, unknown>;
      const stamp = new Date('2025-06-01T12:00:00.000Z');

      renameSync(join(lib.rootDir, 'trip'), join(lib.dir, 'trip'));
      const gone = await scanMissing(lib.context({ now: () => stamp }));
      assert.equal(gone.checked, 2500);
      assert.equal(gone.newly_missing, 2300);
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability = 'missing' AND missing_since = ?", stamp.toISOString()), 2299);
      assert.deepEqual(photo(pairJpg), { main_file: pairOther, availability: 'present', missing_since: null });
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability = 'present'"), 200, 'the kept photos, the pair among them');
      assert.deepEqual(counterValues(lib.db, lib.libraryId), realCounts(lib.db, lib.libraryId));
      assert.equal(refreshAvailability(lib.db, lib.libraryId), 0, 'what the set statements wrote is what the rule says');

      renameSync(join(lib.dir, 'trip'), join(lib.rootDir, 'trip'));
      const back = await scanMissing(lib.context());
      assert.equal(back.restored, 2300);
      assert.equal(count(lib, 'SELECT count(*) FROM files WHERE missing = 1 OR missing_since IS NOT NULL'), 0);
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability <> 'present' OR missing_since IS NOT NULL"), 0);
      assert.deepEqual(photo(pairJpg), { main_file: pairJpg, availability: 'present', missing_since: null }, 'the picture that came back is main again');
      assert.deepEqual(counterValues(lib.db, lib.libraryId), realCounts(lib.db, lib.libraryId));
    } finally {
      lib.cleanup();
    }
  });

  it('a file back with another stat (same size, new time) is restored with that stat', async () => {
    const lib = makeTempLibrary();
    try {
      const [hash] = trackedFiles(lib, 'solo', 1) as [string];
      const path = join(lib.rootDir, 'solo', 'f00000.jpg');
      renameSync(path, join(lib.dir, 'away.jpg'));
      await scanMissing(lib.context());
      writeFileSync(path, 'y'); // same size, other content: stays missing
      assert.equal((await scanMissing(lib.context(), { md5: async () => 'other' })).restored, 0);
      const mtime = statSync(path).mtimeMs;
      const back = await scanMissing(lib.context(), { md5: async () => hash.slice(0, 32) });
      assert.equal(back.restored, 1);
      assert.equal(count(lib, 'SELECT mtime_ms FROM files WHERE hash = ?', hash), mtime);
      assert.equal(count(lib, 'SELECT ino FROM files WHERE hash = ?', hash), statSync(path).ino);
    } finally {
      lib.cleanup();
    }
  });
});
