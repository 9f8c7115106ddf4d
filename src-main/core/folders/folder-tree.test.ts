import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FolderNode } from '../../../src-shared/domain.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { listPhotos } from '../photos/photo-queries.ts';
import { getStats } from '../stats/stats.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { FOLDER_COUNTS_SQL, MISSING_COUNTS_SQL, folderTree } from './folder-tree.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const fresh = (): Db => openDatabase(join(temp.dir, `tree-${++n}.sqlite`));

/** The tree as "path count/missing" lines, indented by depth. */
const outline = (nodes: readonly FolderNode[], depth = 0): string[] =>
  nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.name} ${node.photoCount}/${node.missingCount}`, ...outline(node.folders, depth + 1)]);

describe('the Folders tree', () => {
  it('nests each root\'s folders with photo and missing counts that include subfolders, and agree with the grid and the stats', () => {
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/pics');
    const usb = Number(db.prepare("INSERT INTO roots (library_id, path, added_at, state, volume_label) VALUES (?, '/media/usb', 'now', 'offline', 'HOLIDAY-USB')").run(libraryId).lastInsertRowid);
    seedPhoto(db, libraryId, [{ path: '/pics/top.jpg', rootId }]);
    seedPhoto(db, libraryId, [{ path: '/pics/2023/a.jpg', rootId }]);
    seedPhoto(db, libraryId, [{ path: '/pics/2023/summer/b.jpg', rootId, missing: true }]);
    seedPhoto(db, libraryId, [{ path: '/pics/2023/summer/c.jpg', rootId }]);
    seedPhoto(db, libraryId, [{ path: '/pics/2023/summer/trashed.jpg', rootId }], { inTrash: true });
    seedPhoto(db, libraryId, [{ path: '/pics/2024/x/y/deep.jpg', rootId }]);
    seedPhoto(db, libraryId, [{ path: '/pics/10/n.jpg', rootId }]);
    seedPhoto(db, libraryId, [{ path: '/pics/9/n.jpg', rootId }]);
    seedPhoto(db, libraryId, [{ path: '/media/usb/trip/t.jpg', rootId: usb }]);
    refreshAvailability(db, libraryId);

    const tree = folderTree(db, libraryId);
    assert.deepEqual(outline(tree), [
      '/media/usb 1/0',
      '  trip 1/0',
      '/pics 7/1',
      '  9 1/0',
      '  10 1/0',
      '  2023 3/1',
      '    summer 2/1',
      '  2024 1/0',
      '    x 1/0',
      '      y 1/0',
    ]);
    const [usbRoot, pics] = tree;
    assert.deepEqual([usbRoot?.rootId, usbRoot?.state, usbRoot?.driveName], [usb, 'offline', 'HOLIDAY-USB']);
    assert.deepEqual([pics?.rootId, pics?.state, pics?.driveName, pics?.path], [rootId, 'online', null, '/pics']);
    assert.equal(pics?.folders[2]?.folders[0]?.path, '/pics/2023/summer');

    // The roots add up to the Library's count (the trash left out), as the stats count them.
    const grid = listPhotos(db, { libraryId, view: 'all', offset: 0, limit: 1 }).total;
    const stats = getStats(db, libraryId).libraries[0]!;
    assert.equal(tree.reduce((sum, root) => sum + root.photoCount, 0), grid);
    assert.equal(grid, stats.num_photos - stats.num_trashed_photos);
    // And each folder's count is what the grid shows for it.
    assert.equal(listPhotos(db, { libraryId, view: 'all', folder: '/pics/2023', offset: 0, limit: 1 }).total, 3);
  });

  it('reads its counts off indexes', () => {
    const db = fresh();
    const { libraryId } = seedLibrary(db, 'L', '/pics');
    const detail = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(libraryId) as { detail: string }[]).map((r) => r.detail).join('\n');
    const counts = detail(FOLDER_COUNTS_SQL);
    assert.match(counts, /COVERING INDEX photos_library_folder/);
    assert.doesNotMatch(counts, /TEMP B-TREE/);
    const missing = detail(MISSING_COUNTS_SQL);
    assert.match(missing, /photos_library_availability_since/);
  });

  it('lists a root with no photos yet, and refuses an unknown library', () => {
    const db = fresh();
    const { libraryId } = seedLibrary(db, 'L', '/empty');
    assert.deepEqual(outline(folderTree(db, libraryId)), ['/empty 0/0']);
    assert.throws(() => folderTree(db, 999), /999/);
  });
});
