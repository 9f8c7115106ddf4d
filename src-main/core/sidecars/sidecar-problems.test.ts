import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';

const base = mkdtempSync(join(tmpdir(), 'keepsake-sidecar-problems-'));
after(() => rmSync(base, { recursive: true, force: true }));
const open: Keepsake[] = [];
afterEach(async () => {
  for (const ks of open.splice(0)) await ks.close();
});

async function settled(until: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await until())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sidecar problems in the library problems list', () => {
  it('a sidecar that cannot be written is listed with its reason, under its own name, and leaves the list once written', async () => {
    const photos = join(base, 'photos');
    mkdirSync(photos, { recursive: true });
    copyFileSync(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(photos, 'a.jpg'));
    copyFileSync(corpusFile('exif-samples/jpg/Nikon_D70.jpg'), join(photos, 'b.jpg'));
    // Not XMP: Keepsake leaves such a file as it is.
    writeFileSync(join(photos, 'a.jpg.xmp'), 'not xml at all');
    writeFileSync(join(photos, 'b.xmp'), '<x:xmpmeta');
    const ks = openKeepsake({ dataDir: join(base, 'data'), workers: 1 });
    open.push(ks);
    const { id: libraryId } = await ks.handlers['libraries.add']({ name: 'L', folders: [photos] });
    const scan = await ks.waitForJob((await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId })).jobId);
    assert.equal(scan.status, 'succeeded');
    const hashOf = (name: string): string =>
      ks.db.prepare('SELECT p.image_hash FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?').pluck().get(join(photos, name)) as string;
    const pendingOf = (hash: string): number => ks.db.prepare('SELECT count(*) FROM sidecar_pending WHERE image_hash = ?').pluck().get(hash) as number;
    const sidecarProblems = async () => (await ks.handlers['problems.list']({ libraryId, offset: 0, limit: 100 })).items.filter((p) => p.reason.startsWith('sidecar not written: '));
    await ks.handlers['photos.setRating']({ imageHash: hashOf('a.jpg'), rating: 3 });
    await ks.handlers['photos.setRating']({ imageHash: hashOf('b.jpg'), rating: 4 });
    await settled(async () => (await sidecarProblems()).length === 2, 'both problems listed');
    const listed = await sidecarProblems();
    assert.deepEqual(
      listed.map((p) => [p.path, p.reason.replace(/\(.*\)/, '(…)')]),
      [
        [join(photos, 'a.jpg.xmp'), 'sidecar not written: not valid XMP (…): left as it is'],
        [join(photos, 'b.jpg.xmp'), 'sidecar not written: b.xmp: not valid XMP (…): left as it is'],
      ],
    );
    assert.ok(listed.every((p) => typeof p.seenAt === 'string'), 'when it was last tried');
    assert.equal(readFileSync(join(photos, 'a.jpg.xmp'), 'utf8'), 'not xml at all', 'left as it is');
    const page = await ks.handlers['problems.list']({ libraryId, offset: 0, limit: 100 });
    assert.equal(page.total, page.items.length);

    // Fixed (the broken file removed): the next try writes it, and it leaves the list.
    rmSync(join(photos, 'a.jpg.xmp'));
    await ks.handlers['photos.setRating']({ imageHash: hashOf('a.jpg'), rating: 5 });
    await settled(() => existsSync(join(photos, 'a.jpg.xmp')) && pendingOf(hashOf('a.jpg')) === 0, 'the fixed one written');
    assert.deepEqual((await sidecarProblems()).map((p) => p.path), [join(photos, 'b.jpg.xmp')]);
    assert.match(readFileSync(join(photos, 'a.jpg.xmp'), 'utf8'), /<xmp:Rating>5<\/xmp:Rating>/);
  });
});
