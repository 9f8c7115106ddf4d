import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { refreshAvailability } from '../photos/availability.ts';
import { openDatabase } from './open-database.ts';
import { counterValues, makeTempDir, realCounts, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('trigger-kept counters', () => {
  it('stay equal to real COUNTs through inserts, updates and deletes, per library', () => {
    const db = openDatabase(join(temp.dir, 'counters.sqlite'));
    const a = seedLibrary(db, 'A', '/a');
    const b = seedLibrary(db, 'B', '/b');
    const check = (step: string): void => {
      for (const library of [a, b]) assert.deepEqual(counterValues(db, library.libraryId), realCounts(db, library.libraryId), `${step}, library ${library.libraryId}`);
    };
    check('empty');

    const photos: { imageHash: string; fileHashes: string[]; libraryId: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const library = i % 3 === 0 ? b : a;
      const photo = seedPhoto(
        db,
        library.libraryId,
        [
          { path: `/x/${i}.jpg`, rootId: library.rootId, missing: i % 4 === 0, size: 1000 + i },
          { path: `/x/${i}.xmp`, rootId: library.rootId, type: 'METADATA_FILE', size: 10 },
        ],
        { inTrash: i % 5 === 0 },
      );
      photos.push({ ...photo, libraryId: library.libraryId });
    }
    check('after inserts');

    // Files go missing and come back, sizes and types change.
    db.prepare("UPDATE files SET missing = 1 WHERE path LIKE '/x/1%'").run();
    db.prepare("UPDATE files SET size = size * 2 WHERE path LIKE '/x/2%'").run();
    db.prepare("UPDATE files SET type = 'UNKNOWN' WHERE path LIKE '/x/3%.xmp'").run();
    refreshAvailability(db, a.libraryId);
    refreshAvailability(db, b.libraryId);
    check('after file updates');

    // A root goes offline: its photos become offline, not missing.
    db.prepare("UPDATE roots SET state = 'offline' WHERE id = ?").run(b.rootId);
    refreshAvailability(db, b.libraryId);
    assert.ok(counterValues(db, b.libraryId).num_offline! > 0);
    check('after a root went offline');

    db.prepare("UPDATE photos SET in_trashcan = 1 - in_trashcan WHERE substr(image_hash, 1, 1) < '8'").run();
    check('after trash toggles');

    // Deletes: photos, then files (main_file set null by the foreign key).
    for (const photo of photos.slice(0, 20)) db.prepare('DELETE FROM photos WHERE image_hash = ?').run(photo.imageHash);
    db.prepare("DELETE FROM files WHERE path LIKE '/x/4%'").run();
    refreshAvailability(db, a.libraryId);
    refreshAvailability(db, b.libraryId);
    check('after deletes');
    db.close();
  });
});
