import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addPhotosToAlbum, createAlbum } from '../albums/albums.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { filterSql, folderRange, type PhotoFilter } from './photo-filter.ts';
import { listDateGroups, listHashes } from './photo-groups.ts';
import { setRatings } from './photo-edits.ts';
import { listPhotos } from './photo-queries.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const fresh = (): Db => openDatabase(join(temp.dir, `browse-${++n}.sqlite`));
const now = new Date('2025-05-01T10:00:00Z');

/** A small library: two folders (one nested), captions, capture and added times. */
function library(db: Db) {
  const { libraryId, rootId } = seedLibrary(db, 'L', '/pics');
  const photo = (path: string, capturedAt: string | null, addedAt: string, caption = '') => {
    const { imageHash } = seedPhoto(db, libraryId, [{ path, rootId }], { capturedAt, addedAt });
    if (caption) db.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run(caption, imageHash);
    return imageHash;
  };
  const h = {
    beach: photo('/pics/2023/summer/beach.jpg', '2023-07-14T10:00:00', '2024-01-03T00:00:00Z', 'At the lake with Ana'),
    lake: photo('/pics/2023/summer/Lake_100%.jpg', '2023-07-02T09:00:00', '2024-01-01T00:00:00Z'),
    snow: photo('/pics/2023/winter/snow.jpg', '2023-01-20T12:00:00', '2024-01-02T00:00:00Z'),
    cat: photo('/pics/2024/cat.JPG', '2024-06-01T08:00:00+02:00', '2024-01-05T00:00:00Z', 'Our cat'),
    scan: photo('/pics/scans/old.jpg', null, '2024-01-04T00:00:00Z'),
    // A sibling whose name starts like the folder "2023": never inside it.
    sibling: photo('/pics/2023-extra/x.jpg', '2022-05-05T05:05:05', '2024-01-06T00:00:00Z'),
  };
  return { libraryId, rootId, h };
}

const list = (db: Db, filter: Partial<PhotoFilter> & { libraryId: number }) =>
  listPhotos(db, { view: 'all', offset: 0, limit: 100, ...filter }).items.map((p) => p.imageHash);

const plan = (db: Db, sql: string, params: Record<string, unknown>): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('\n');

describe('the grid\'s list: search, date range, folder, album, sort', () => {
  it('searches every word in the file name, the folders below the root\'s own or the caption, case-insensitively, % and _ taken literally', () => {
    const db = fresh();
    const { libraryId, h } = library(db);
    assert.deepEqual(list(db, { libraryId, search: 'SNOW' }), [h.snow]);
    assert.deepEqual(list(db, { libraryId, search: 'lake' }), [h.beach, h.lake], 'the caption of one, the file name of the other');
    assert.deepEqual(list(db, { libraryId, search: 'summer ana' }), [h.beach], 'every word must match, each anywhere');
    assert.deepEqual(list(db, { libraryId, search: 'winter' }), [h.snow], 'by folder');
    assert.deepEqual(list(db, { libraryId, search: '100%' }), [h.lake]);
    assert.deepEqual(list(db, { libraryId, search: '0%' }), [h.lake], '% is a character, not a wildcard');
    assert.deepEqual(list(db, { libraryId, search: 'a_e' }), [], '_ is a character, not a wildcard (it would match "ake")');
    assert.deepEqual(list(db, { libraryId, search: '   ' }).length, 6, 'a blank search is no search');
    assert.equal(listPhotos(db, { libraryId, view: 'all', search: 'jpg', offset: 0, limit: 2 }).total, 6);
    // The root's own folder is searched ("pics"); what is above it (the user's home…) is not.
    assert.equal(list(db, { libraryId, search: 'pics/2023/' }).length, 3);
    const { libraryId: other, rootId } = seedLibrary(db, 'Home', '/home/ana/Pictures');
    seedPhoto(db, other, [{ path: '/home/ana/Pictures/x.jpg', rootId }]);
    assert.deepEqual(list(db, { libraryId: other, search: 'ana' }), [], 'the folders above the root are not searched');
    assert.equal(list(db, { libraryId: other, search: 'pictures' }).length, 1);
  });

  it('keeps photos taken within a date range, both days whole, and leaves those without a date out', () => {
    const db = fresh();
    const { libraryId, h } = library(db);
    assert.deepEqual(list(db, { libraryId, capturedFrom: '2023-07-02', capturedTo: '2023-07-14' }), [h.beach, h.lake]);
    assert.deepEqual(list(db, { libraryId, capturedFrom: '2024-01-01' }), [h.cat]);
    assert.deepEqual(list(db, { libraryId, capturedTo: '2023-01-20' }), [h.snow, h.sibling]);
  });

  it('shows a folder with its subfolders, never a sibling whose name begins the same', () => {
    const db = fresh();
    const { libraryId, h } = library(db);
    assert.deepEqual(list(db, { libraryId, folder: '/pics/2023' }), [h.beach, h.lake, h.snow]);
    assert.deepEqual(list(db, { libraryId, folder: '/pics/2023/summer' }), [h.beach, h.lake]);
    assert.deepEqual(list(db, { libraryId, folder: '/pics/2023/', search: 'snow' }), [h.snow]);
    assert.equal(listPhotos(db, { libraryId, view: 'all', folder: '/pics', offset: 0, limit: 1 }).total, 6);
    assert.deepEqual(folderRange('/pics/2023', '/'), { low: '/pics/2023/', high: '/pics/20230' });
    assert.deepEqual(folderRange('E:\\', '\\'), { low: 'E:\\', high: 'E:]' });
  });

  it('shows an album\'s photos, not those in the trash', () => {
    const db = fresh();
    const { libraryId, h } = library(db);
    const album = createAlbum(db, libraryId, 'Best', now);
    addPhotosToAlbum(db, album.id, [h.cat, h.snow, h.scan], now);
    db.prepare('UPDATE photos SET in_trashcan = 1 WHERE image_hash = ?').run(h.scan);
    assert.deepEqual(list(db, { libraryId, albumId: album.id }), [h.cat, h.snow]);
    assert.deepEqual(list(db, { libraryId, albumId: album.id, sort: 'name' }), [h.cat, h.snow]);
  });

  it('sorts by capture date (none last), date added (newest first) or file name (case-insensitive)', () => {
    const db = fresh();
    const { libraryId, h } = library(db);
    assert.deepEqual(list(db, { libraryId }), [h.cat, h.beach, h.lake, h.snow, h.sibling, h.scan]);
    assert.deepEqual(list(db, { libraryId, sort: 'added' }), [h.sibling, h.cat, h.scan, h.beach, h.snow, h.lake]);
    assert.deepEqual(list(db, { libraryId, sort: 'name' }), [h.beach, h.cat, h.lake, h.scan, h.snow, h.sibling]);
    // Paged, the order holds.
    const pages = [0, 2, 4].flatMap((offset) => listPhotos(db, { libraryId, view: 'all', sort: 'name', offset, limit: 2 }).items.map((p) => p.imageHash));
    assert.deepEqual(pages, list(db, { libraryId, sort: 'name' }));
  });

  it('gives the hashes of any range of positions, in the list\'s order', () => {
    const db = fresh();
    const { libraryId } = library(db);
    for (const sort of ['captured', 'added', 'name'] as const) {
      const all = list(db, { libraryId, sort });
      assert.deepEqual(listHashes(db, { libraryId, view: 'all', sort, offset: 1, limit: 3 }), all.slice(1, 4));
      assert.deepEqual(listHashes(db, { libraryId, view: 'all', sort, offset: 0, limit: 100_000 }), all);
    }
    assert.deepEqual(listHashes(db, { libraryId, view: 'all', search: 'summer', offset: 0, limit: 10 }), list(db, { libraryId, search: 'summer' }));
  });

  it('reads each filter off its own index, never one main file lookup per photo', () => {
    const db = fresh();
    const { libraryId } = library(db);
    const pagePlan = (filter: Partial<PhotoFilter>) => {
      const { where, params, order } = filterSql({ libraryId, view: 'all', ...filter });
      return plan(db, `SELECT p.image_hash FROM photos p WHERE ${where} ORDER BY ${order} LIMIT 200 OFFSET 0`, params);
    };
    assert.match(pagePlan({}), /USING COVERING INDEX photos_library_order/);
    assert.doesNotMatch(pagePlan({}), /TEMP B-TREE/, 'the plain order is the index itself');
    assert.match(pagePlan({ sort: 'added' }), /USING COVERING INDEX photos_library_added/);
    assert.doesNotMatch(pagePlan({ sort: 'added' }), /TEMP B-TREE/);
    assert.match(pagePlan({ sort: 'name' }), /USING COVERING INDEX photos_library_name/);
    assert.doesNotMatch(pagePlan({ sort: 'name' }), /TEMP B-TREE/);
    assert.match(pagePlan({ folder: '/pics/2023' }), /USING COVERING INDEX photos_library_folder \(library_id=\? AND in_trashcan=\? AND main_dir>\? AND main_dir<\?\)/);
    assert.match(pagePlan({ capturedFrom: '2023-01-01', capturedTo: '2023-12-31' }), /photos_library_order \(library_id=\? AND in_trashcan=\? AND captured_at>\? AND captured_at<\?\)/);
    // A search reads the table in storage order; with a folder, only the folder's range.
    assert.match(pagePlan({ search: 'lake' }), /^SCAN p$/m);
    assert.match(pagePlan({ search: 'lake', folder: '/pics/2023' }), /photos_library_folder/);
    assert.match(pagePlan({ albumId: 1 }), /album_photos|sqlite_autoindex_album_photos|PRIMARY KEY/);
    assert.doesNotMatch(pagePlan({ albumId: 1 }), /SCAN p\b/);
  });
});

describe('the grid\'s date groups', () => {
  it('are months or days in the list\'s order, the undated last, adding up to the total', () => {
    const db = fresh();
    const { libraryId } = library(db);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', by: 'month' }), [
      { key: '2024-06', count: 1 },
      { key: '2023-07', count: 2 },
      { key: '2023-01', count: 1 },
      { key: '2022-05', count: 1 },
      { key: null, count: 1 },
    ]);
    const days = listDateGroups(db, { libraryId, view: 'all', by: 'day' });
    assert.deepEqual(days.map((g) => g.key), ['2024-06-01', '2023-07-14', '2023-07-02', '2023-01-20', '2022-05-05', null]);
    assert.equal(days.reduce((sum, g) => sum + g.count, 0), 6);
  });

  it('follow the filters, date added, and give none for the Name order', () => {
    const db = fresh();
    const { libraryId } = library(db);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', folder: '/pics/2023', by: 'month' }), [
      { key: '2023-07', count: 2 },
      { key: '2023-01', count: 1 },
    ]);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', search: 'lake', by: 'day' }), [
      { key: '2023-07-14', count: 1 },
      { key: '2023-07-02', count: 1 },
    ]);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', capturedFrom: '2023-01-01', capturedTo: '2023-12-31', by: 'month' }), [
      { key: '2023-07', count: 2 },
      { key: '2023-01', count: 1 },
    ]);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', sort: 'added', by: 'month' }), [{ key: '2024-01', count: 6 }]);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', sort: 'added', capturedFrom: '2024-01-01', by: 'month' }), [{ key: '2024-01', count: 1 }]);
    assert.deepEqual(listDateGroups(db, { libraryId, view: 'all', sort: 'name', by: 'month' }), []);
    const empty = seedLibrary(db, 'Empty', '/empty').libraryId;
    assert.deepEqual(listDateGroups(db, { libraryId: empty, view: 'all', by: 'month' }), []);
  });

  it('walk the order index group by group for the plain library', () => {
    const db = fresh();
    library(db);
    const captured = db.prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM photos p WHERE p.library_id = 1 AND p.in_trashcan = 0 AND p.captured_at >= '2023' AND p.captured_at < '2023~'").all() as { detail: string }[];
    assert.match(captured.map((r) => r.detail).join('\n'), /COVERING INDEX photos_library_order/);
  });
});

describe('batch rating', () => {
  it('rates many photos in one go, counting those that changed, and marks their sidecars', () => {
    const db = fresh();
    const { libraryId, h } = library(db);
    db.prepare('UPDATE libraries SET write_sidecars = 1 WHERE id = ?').run(libraryId);
    db.prepare('UPDATE photos SET rating = 4 WHERE image_hash = ?').run(h.cat);
    const result = setRatings(db, [h.cat, h.snow, h.snow, h.beach, 'ffffffffffffffffffffffffffffffff1'], 4, now);
    assert.deepEqual(result, { count: 2, libraryIds: [libraryId] });
    const rated = db.prepare('SELECT image_hash FROM photos WHERE rating = 4 ORDER BY image_hash').pluck().all();
    assert.deepEqual(rated, [h.cat, h.snow, h.beach].sort());
    const pending = db.prepare('SELECT image_hash FROM sidecar_pending ORDER BY image_hash').pluck().all();
    assert.deepEqual(pending, [h.snow, h.beach].sort(), 'only the photos whose rating changed wait for their sidecar');
    assert.deepEqual(setRatings(db, [h.cat], 4, now), { count: 0, libraryIds: [] });
  });
});

describe('a search\'s first page from one pass', () => {
  it('gives the same page, total and groups as the indexes\' two passes', async () => {
    const { searchFirstPage } = await import('./search-page.ts');
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/pics');
    // Ties on both dates, photos without a capture date, two days of one month.
    for (let i = 0; i < 40; i++) {
      const capturedAt = i % 7 === 0 ? null : `2023-0${1 + (i % 3)}-1${i % 2}T10:00:0${i % 4}`;
      seedPhoto(db, libraryId, [{ path: `/pics/trip/img_${i}.jpg`, rootId }], { capturedAt, addedAt: `2024-01-0${1 + (i % 5)}T00:00:00Z` });
    }
    for (const sort of ['captured', 'added'] as const) {
      for (const by of ['month', 'day'] as const) {
        for (const [offset, limit] of [[0, 200], [0, 7], [5, 10]] as const) {
          const request = { libraryId, view: 'all' as const, search: 'trip img', sort, offset, limit };
          const one = searchFirstPage(db, { ...request, by });
          assert.ok(one !== null);
          const two = listPhotos(db, request);
          assert.deepEqual(one.items.map((p) => p.imageHash), two.items.map((p) => p.imageHash), `${sort} ${by} ${offset}`);
          assert.equal(one.total, two.total);
          assert.deepEqual(one.groups, listDateGroups(db, { ...request, by }));
        }
      }
    }
    // Not a search (or the Name order): the usual way.
    assert.equal(searchFirstPage(db, { libraryId, view: 'all', offset: 0, limit: 10, by: 'month' }), null);
    assert.equal(searchFirstPage(db, { libraryId, view: 'all', search: 'trip', sort: 'name', offset: 0, limit: 10, by: 'month' }), null);
  });
});

describe('a search answered from the rows kept in memory', () => {
  it('matches the SQL answer for every filter a search can carry, page by page', async () => {
    const { searchFirstPage, searchHashes, searchPage } = await import('./search-page.ts');
    const db = fresh();
    const { libraryId, h } = library(db);
    db.prepare("UPDATE photos SET availability = 'missing' WHERE image_hash = ?").run(h.snow);
    db.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run('Ännchen am SEE', h.scan);
    const searches = ['2023', 'LAKE', 'lake ana', 'jpg', '100%', 'ännchen', 'Ännchen', 'see', 'nothing-here', 'summer beach'];
    for (const search of searches) {
      for (const extra of [{}, { availability: 'missing' as const }, { capturedFrom: '2023-07-01', capturedTo: '2023-07-14' }, { sort: 'added' as const }]) {
        const request = { libraryId, view: 'all' as const, search, ...extra };
        const sql = listPhotos(db, { ...request, offset: 0, limit: 100 });
        const kept = searchPage(db, { ...request, offset: 0, limit: 100 });
        assert.ok(kept !== null, search);
        assert.deepEqual(kept.items, sql.items, `${search} ${JSON.stringify(extra)}`);
        assert.equal(kept.total, sql.total);
        assert.deepEqual(searchPage(db, { ...request, offset: 1, limit: 2 })?.items, listPhotos(db, { ...request, offset: 1, limit: 2 }).items);
        assert.deepEqual(searchHashes(db, { ...request, offset: 0, limit: 3 }), listHashes(db, { ...request, offset: 0, limit: 3 }));
        assert.deepEqual(searchFirstPage(db, { ...request, offset: 0, limit: 100, by: 'day' })?.groups, listDateGroups(db, { ...request, by: 'day' }));
      }
    }
    // A folder or an album narrows it by its own index; the trash has its own order: SQL answers.
    assert.equal(searchPage(db, { libraryId, view: 'all', search: 'x', folder: '/pics/2023', offset: 0, limit: 10 }), null);
    assert.equal(searchPage(db, { libraryId, view: 'trash', search: 'x', offset: 0, limit: 10 }), null);
  });

  it('sees every change at once: an edit here, a photo added, a commit from another connection', async () => {
    const { searchPage } = await import('./search-page.ts');
    const path = join(temp.dir, `browse-${++n}.sqlite`);
    const db = openDatabase(path);
    const { libraryId, h } = library(db);
    const found = (search: string) => searchPage(db, { libraryId, view: 'all', search, offset: 0, limit: 100 })!.items.map((p) => p.imageHash);
    assert.deepEqual(found('our cat'), [h.cat]);
    db.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run('Our cat Tom', h.cat);
    assert.deepEqual(found('tom'), [h.cat]);
    const other = openDatabase(path);
    other.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run('Tom again', h.beach);
    other.close();
    assert.deepEqual(found('tom'), [h.cat, h.beach]);
    const second = seedLibrary(db, 'M', '/more');
    seedPhoto(db, second.libraryId, [{ path: '/more/snow-2.jpg', rootId: second.rootId }], { capturedAt: null, addedAt: '2024-02-01T00:00:00Z' });
    assert.equal(found('snow').length, 1, 'another library\'s photos are not this one\'s');
    assert.equal(searchPage(db, { libraryId: second.libraryId, view: 'all', search: 'snow', offset: 0, limit: 100 })!.total, 1);
    assert.equal(found('snow').length, 1);
    db.close();
  });
});
