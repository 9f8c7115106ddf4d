import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { openDatabase, type Db } from '../db/open-database.ts';
import { inspectRoot, probeLibraryRoots, probeStoredRoot, type ProbeOptions, type ProbeRootInput } from './probe-root.ts';
import { ensureRootMarker, markerPath, parseRootMarker, readRootMarker } from './root-marker.ts';
import { seedFiles } from '../../../test/support/seed-scanned-files.ts';
import { configureVolumeProbing } from './volume-settings.ts';

const errno = (code: string) => Object.assign(new Error(code), { code });
const neverAnswers = () => new Promise<never>(() => undefined);
/** The state a probe decides for a root (what inspectRoot says, without the rest). */
const probeRoot = async (root: ProbeRootInput, options?: ProbeOptions) => (await inspectRoot(root, options)).state;

describe('probeRoot on real folders, with simulated stat failures', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-probe-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an existing folder is online, an absent one or a file offline', async () => {
    assert.equal(await probeRoot({ id: 1, path: dir }), 'online');
    assert.equal(await probeRoot({ id: 1, path: join(dir, 'gone') }), 'offline');
    writeFileSync(join(dir, 'file'), 'x');
    assert.equal(await probeRoot({ id: 1, path: join(dir, 'file') }), 'offline');
  });

  it('SIMULATED: a stat that never answers makes the root unreachable, within the timeout', async () => {
    const seen = await inspectRoot({ id: 1, path: dir }, { statFn: neverAnswers, timeoutMs: 20 });
    assert.equal(seen.state, 'unreachable');
    assert.equal(seen.reason, 'no answer in time');
  });

  it('SIMULATED: permission denied is unreadable, an I/O error unreachable (we run as root, so chmod cannot deny)', async () => {
    assert.equal(await probeRoot({ id: 1, path: dir }, { statFn: async () => Promise.reject(errno('EACCES')) }), 'unreadable');
    assert.equal(await probeRoot({ id: 1, path: dir }, { statFn: async () => Promise.reject(errno('EPERM')) }), 'unreadable');
    assert.equal(await probeRoot({ id: 1, path: dir }, { statFn: async () => Promise.reject(errno('EIO')) }), 'unreachable');
  });

  it('the marker decides: its own id online, another folder’s id offline', async () => {
    writeFileSync(join(dir, 'a.jpg'), 'x');
    const id = await ensureRootMarker(dir);
    assert.ok(id);
    assert.equal((await inspectRoot({ id: 1, path: dir, marker_id: id })).reason, 'marker');
    assert.equal(await probeRoot({ id: 1, path: dir, marker_id: 'someone-else' }), 'offline');
  });

  it('an empty folder whose marker is gone is offline when the database has files there, online when not', async () => {
    assert.equal(await probeRoot({ id: 1, path: dir, marker_id: 'm1', hasFiles: true }), 'offline');
    assert.equal(await probeRoot({ id: 1, path: dir, marker_id: 'm1', hasFiles: false }), 'online');
    // Not empty (the drive's files are there) but the marker was deleted by hand: still online.
    writeFileSync(join(dir, 'a.jpg'), 'x');
    assert.equal(await probeRoot({ id: 1, path: dir, marker_id: 'm1', hasFiles: true }), 'online');
  });

  it('a root recorded on another mount point is offline (the drive is not there)', async () => {
    writeFileSync(join(dir, 'a.jpg'), 'x');
    const seen = await inspectRoot({ id: 1, path: dir, mount_point: join(dir, 'elsewhere'), hasFiles: true });
    assert.equal(seen.state, 'offline');
    assert.equal(seen.reason, 'another volume');
  });
});

describe('root marker file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-marker-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is written once, kept, and read back; junk is not a marker', async () => {
    const id = await ensureRootMarker(dir, { now: new Date('2024-01-02T03:04:05Z') });
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(JSON.parse(readFileSync(markerPath(dir), 'utf8')), { rootId: id, createdAt: '2024-01-02T03:04:05.000Z' });
    assert.equal(await ensureRootMarker(dir), id, 'an existing marker is kept');
    assert.equal((await readRootMarker(dir))?.rootId, id);
    assert.equal(parseRootMarker('not json'), null);
    assert.equal(parseRootMarker('{"rootId": 3}'), null);
    assert.equal(await readRootMarker(join(dir, 'nope')), null);
    assert.equal(await ensureRootMarker(join(dir, 'nope')), null, 'an unwritable (here: absent) folder gets no marker');
  });
});

describe('probeLibraryRoots', () => {
  let dir = '';
  let db: Db;
  let libraryId = 0;
  let rootId = 0;
  let restore: (() => void) | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-probe-lib-'));
    db = openDatabase(join(dir, 'keepsake.db'));
    mkdirSync(join(dir, 'photos'));
    libraryId = Number(db.prepare(`INSERT INTO libraries (name, created_at) VALUES ('L', 'now')`).run().lastInsertRowid);
    rootId = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, 'now')`).run(libraryId, join(dir, 'photos')).lastInsertRowid);
  });
  afterEach(() => {
    restore?.();
    restore = null;
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not write a marker into an empty root (it may be a bare mount point), then does once it has files', async () => {
    await probeLibraryRoots(db, libraryId);
    assert.equal(existsSync(markerPath(join(dir, 'photos'))), false);
    writeFileSync(join(dir, 'photos', 'a.jpg'), 'a');
    await probeLibraryRoots(db, libraryId);
    const row = db.prepare('SELECT marker_id, mount_point, state FROM roots WHERE id = ?').get(rootId) as { marker_id: string; mount_point: string; state: string };
    assert.equal(row.state, 'online');
    assert.equal((await readRootMarker(join(dir, 'photos')))?.rootId, row.marker_id);
    assert.ok(row.mount_point.length > 0);
  });

  it('SIMULATED sleeping NAS: a hung stat makes the root unreachable and its photos offline, never missing', async () => {
    writeFileSync(join(dir, 'photos', 'a.jpg'), 'a');
    writeFileSync(join(dir, 'photos', 'b.jpg'), 'b');
    await seedFiles(db, libraryId, rootId, [join(dir, 'photos', 'a.jpg'), join(dir, 'photos', 'b.jpg')]);
    restore = configureVolumeProbing({ statFn: neverAnswers, timeoutMs: 25 });
    const [probed] = await probeLibraryRoots(db, libraryId);
    assert.equal(probed?.state, 'unreachable');
    const counts = db.prepare('SELECT num_missing, num_offline FROM library_counts WHERE library_id = ?').get(libraryId);
    assert.deepEqual({ ...(counts as object) }, { num_missing: 0, num_offline: 2 });
    restore();
    restore = null;
    assert.equal((await probeLibraryRoots(db, libraryId))[0]?.state, 'online');
    assert.deepEqual({ ...(db.prepare('SELECT num_missing, num_offline FROM library_counts WHERE library_id = ?').get(libraryId) as object) }, { num_missing: 0, num_offline: 0 });
  });

  it('a marker deleted by hand from a root that still has its files is written again', async () => {
    writeFileSync(join(dir, 'photos', 'a.jpg'), 'a');
    await probeLibraryRoots(db, libraryId);
    const id = (db.prepare('SELECT marker_id FROM roots WHERE id = ?').pluck().get(rootId)) as string;
    unlinkSync(markerPath(join(dir, 'photos')));
    assert.equal((await probeLibraryRoots(db, libraryId))[0]?.state, 'online');
    assert.equal((await readRootMarker(join(dir, 'photos')))?.rootId, id);
  });
});

describe('probeStoredRoot', () => {
  it('uses what was recorded: a bare folder left where a drive was is offline, though probeRoot({id, path}) alone cannot tell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keepsake-stored-'));
    const db = openDatabase(join(dir, 'keepsake.db'));
    try {
      const folder = join(dir, 'usb');
      mkdirSync(folder);
      db.prepare(`INSERT INTO libraries (name, created_at) VALUES ('L', 'now')`).run();
      db.prepare(`INSERT INTO roots (library_id, path, added_at, marker_id) VALUES (1, ?, 'now', 'm-1')`).run(folder);
      db.prepare(`INSERT INTO files (hash, library_id, root_id, path, type, size, mtime_ms) VALUES ('${'0'.repeat(32)}1', 1, 1, ?, 'IMAGE', 1, 1)`).run(join(folder, 'a.jpg'));
      assert.equal(await probeRoot({ id: 1, path: folder }), 'online');
      assert.equal(await probeStoredRoot(db, 1), 'offline');
      assert.equal(await probeStoredRoot(db, 99), null);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
