/**
 * Edits that do not come from the rating, caption, album or face commands still reach the
 * sidecars: an accepted match (the missing photo's metadata moves to the candidate), "Locate…"
 * (the photo's file is elsewhere now) and an undone deletion (the photos come back).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import type { JobRecord } from '../../../src-shared/domain.ts';
import { markFileMissing, seedFiles } from '../../../test/support/seed-scanned-files.ts';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { openDatabase } from '../db/open-database.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';
import { findSuggestedMatches } from '../matches/find-matches.ts';
import { listMatches } from '../matches/list-matches.ts';
import { resolveMatch } from '../matches/resolve-match.ts';
import { readSidecarXmp } from './sidecar-xmp.ts';

const base = mkdtempSync(join(tmpdir(), 'keepsake-sidecar-marks-'));
after(() => rmSync(base, { recursive: true, force: true }));
let serial = 0;
const open: Keepsake[] = [];
afterEach(async () => {
  for (const ks of open.splice(0)) await ks.close();
});

async function run(ks: Keepsake, request: Parameters<Keepsake['handlers']['jobs.start']>[0]): Promise<JobRecord> {
  const record = await ks.waitForJob((await ks.handlers['jobs.start'](request)).jobId);
  assert.equal(record.status, 'succeeded', record.error ?? '');
  return record;
}

async function settled(until: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!until()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pending = (db: { prepare: Keepsake['db']['prepare'] }): string[] => db.prepare('SELECT image_hash FROM sidecar_pending ORDER BY image_hash').pluck().all() as string[];

describe('sidecars marked by matches, Locate… and undo', () => {
  it('an accepted match marks the photo that got the metadata (a library that keeps sidecars only)', async () => {
    for (const keeps of [true, false]) {
      const dir = join(base, `match-${++serial}`);
      const root = join(dir, 'Pictures');
      mkdirSync(join(root, 'edited'), { recursive: true });
      writeFileSync(join(root, 'IMG_0042.JPG'), 'original pixels');
      writeFileSync(join(root, 'edited', 'img_0042.jpeg'), 'edited pixels');
      const db = openDatabase(join(dir, 'keepsake.db'));
      try {
        const libraryId = Number(db.prepare(`INSERT INTO libraries (name, created_at, write_sidecars) VALUES ('L', 'now', ?)`).run(keeps ? 1 : 0).lastInsertRowid);
        const rootId = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, 'now')`).run(libraryId, root).lastInsertRowid);
        const [original, edited] = (await seedFiles(db, libraryId, rootId, [join(root, 'IMG_0042.JPG'), join(root, 'edited', 'img_0042.jpeg')], () => '2021-07-04T10:00:00')) as [string, string];
        db.prepare(`UPDATE photos SET rating = 4, caption = 'Grandma' WHERE image_hash = ?`).run(original);
        rmSync(join(root, 'IMG_0042.JPG'));
        markFileMissing(db, libraryId, original);
        findSuggestedMatches(db, libraryId);
        db.prepare('DELETE FROM sidecar_pending').run();
        const [match] = listMatches(db, libraryId);
        resolveMatch(db, match?.id ?? 0, true);
        assert.deepEqual(pending(db), keeps ? [edited] : []);
      } finally {
        db.close();
      }
    }
  });

  it('Locate… writes the sidecar beside the file the photo is linked to now', async () => {
    const dir = join(base, `locate-${++serial}`);
    const photos = join(dir, 'photos');
    mkdirSync(join(photos, 'moved'), { recursive: true });
    copyFileSync(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(photos, 'Canon_40D.jpg'));
    const ks = openKeepsake({ dataDir: join(dir, 'data'), workers: 1 });
    open.push(ks);
    const { id: libraryId } = await ks.handlers['libraries.add']({ name: 'L', folders: [photos] });
    await run(ks, { type: 'scan_photos', libraryId });
    const hash = ks.db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().get(libraryId) as string;
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 3 });
    await settled(() => existsSync(join(photos, 'Canon_40D.jpg.xmp')) && pending(ks.db).length === 0, 'the first sidecar');
    // Moved by hand, without its sidecar.
    renameSync(join(photos, 'Canon_40D.jpg'), join(photos, 'moved', 'Renamed.jpg'));
    await run(ks, { type: 'scan_missing', libraryId });
    await ks.handlers['photos.locate']({ imageHash: hash, path: join(photos, 'moved', 'Renamed.jpg') });
    await settled(() => existsSync(join(photos, 'moved', 'Renamed.jpg.xmp')), 'the sidecar beside the located file');
    assert.equal(readSidecarXmp(readFileSync(join(photos, 'moved', 'Renamed.jpg.xmp'), 'utf8')).rating, 3);
  });

  it('an undone deletion writes the photos’ sidecars again once their files are back', async () => {
    const dir = join(base, `undo-${++serial}`);
    const photos = join(dir, 'photos');
    mkdirSync(photos, { recursive: true });
    copyFileSync(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(photos, 'Canon_40D.jpg'));
    const ks = openKeepsake({ dataDir: join(dir, 'data'), workers: 1 });
    open.push(ks);
    const { id: libraryId } = await ks.handlers['libraries.add']({ name: 'L', folders: [photos] });
    await run(ks, { type: 'scan_photos', libraryId });
    const hash = ks.db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().get(libraryId) as string;
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 5 });
    await ks.handlers['photos.setCaption']({ imageHash: hash, caption: 'Kept through undo' });
    await settled(() => existsSync(join(photos, 'Canon_40D.jpg.xmp')) && pending(ks.db).length === 0, 'the first sidecar');
    // The photo and its sidecar go; the photo is deleted as missing; then the photo (alone) comes back.
    mkdirSync(join(dir, 'away'));
    renameSync(join(photos, 'Canon_40D.jpg'), join(dir, 'away', 'Canon_40D.jpg'));
    rmSync(join(photos, 'Canon_40D.jpg.xmp'));
    await run(ks, { type: 'scan_missing', libraryId });
    const deleted = await run(ks, { type: 'delete_missing', libraryId, confirmed: true, includeOffline: false });
    await ks.handlers['deletions.undo']({ jobId: deleted.id });
    assert.deepEqual(pending(ks.db), [hash], 'marked by the undo');
    renameSync(join(dir, 'away', 'Canon_40D.jpg'), join(photos, 'Canon_40D.jpg'));
    await run(ks, { type: 'scan_photos', libraryId });
    await settled(() => existsSync(join(photos, 'Canon_40D.jpg.xmp')) && pending(ks.db).length === 0, 'the sidecar written again');
    const file = readSidecarXmp(readFileSync(join(photos, 'Canon_40D.jpg.xmp'), 'utf8'));
    assert.deepEqual([file.rating, file.caption], [5, 'Kept through undo']);
  });
});
