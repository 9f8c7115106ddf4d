import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import exifr from 'exifr';
import { addFace } from '../faces/faces.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { NS } from './xmp-namespaces.ts';

/**
 * The round trip, on the corpus, through the real core: ratings, captions, albums and faces
 * set in Keepsake reach the sidecars (which exifr and a namespace-aware DOM both read); the data
 * folder is deleted; a new library over the same folder gets every field back. The corpus's
 * XMP.xmp (Photoshop) and XMP2.xmp (f-spot, rdf:nodeID) keep their own tags through Keepsake's writes.
 */

const dir = mkdtempSync(join(tmpdir(), 'keepsake-sidecars-'));
const photos = join(dir, 'photos');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Corpus files copied into the library's folder, and the sidecars other apps left beside two of them. */
function fillFolder(): void {
  mkdirSync(join(photos, 'trip'), { recursive: true });
  for (const name of readdirSync(corpusFile('exif-samples/jpg'))) {
    if (name.toLowerCase().endsWith('.jpg')) copyFileSync(corpusFile(`exif-samples/jpg/${name}`), join(photos, name));
  }
  copyFileSync(corpusFile('exiftool-samples/CanonRaw.cr2'), join(photos, 'trip/IMG_0001.CR2'));
  copyFileSync(corpusFile('exiftool-samples/Nikon.jpg'), join(photos, 'trip/Nikon.jpg'));
  copyFileSync(corpusFile('exiftool-samples/XMP.xmp'), join(photos, 'trip/Nikon.xmp')); // Lightroom-style name
  copyFileSync(corpusFile('exiftool-samples/Canon.jpg'), join(photos, 'trip/Canon.jpg'));
  copyFileSync(corpusFile('exiftool-samples/XMP2.xmp'), join(photos, 'trip/Canon.jpg.xmp'));
  copyFileSync(corpusFile('video/clip.mov'), join(photos, 'trip/clip.mov'));
}

async function scan(ks: Keepsake, libraryId: number): Promise<void> {
  const { jobId } = await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId });
  const record = await ks.waitForJob(jobId);
  assert.equal(record.status, 'succeeded', record.error ?? '');
}

/** Waits until no photo waits for its sidecar (the quiet writer is debounced and queued). */
async function sidecarsWritten(ks: Keepsake): Promise<void> {
  const deadline = Date.now() + 15_000;
  const waiting = () => ks.db.prepare('SELECT count(*) FROM sidecar_pending').pluck().get() as number;
  while (waiting() > 0) {
    if (Date.now() > deadline) assert.fail(`${waiting()} sidecars still waiting`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface PhotoFields {
  rating: number;
  caption: string;
  albums: string[];
  faces: { name: string | null; x: number; y: number; w: number; h: number }[];
}

/** Every photo's fields, by main file name. */
function fieldsByName(ks: Keepsake, libraryId: number): Map<string, PhotoFields> {
  const rows = ks.db
    .prepare(`SELECT p.image_hash, f.path, p.rating, p.caption FROM photos p JOIN files f ON f.hash = p.main_file WHERE p.library_id = ?`)
    .all(libraryId) as { image_hash: string; path: string; rating: number; caption: string }[];
  const out = new Map<string, PhotoFields>();
  for (const row of rows) {
    const albums = ks.db
      .prepare(`SELECT coalesce(a.parent || '/', '') || a.title FROM album_photos ap JOIN albums a ON a.id = ap.album_id WHERE ap.image_hash = ? AND a.kind = 'user' ORDER BY 1`)
      .pluck()
      .all(row.image_hash) as string[];
    const faces = ks.db.prepare('SELECT name, x, y, w, h FROM faces WHERE image_hash = ? ORDER BY x, y').all(row.image_hash) as PhotoFields['faces'];
    out.set(basename(row.path), { rating: row.rating, caption: row.caption, albums, faces });
  }
  return out;
}

const snapshot = (path: string) => ({ bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs });

describe('sidecars: the round trip on the corpus', () => {
  let ks: Keepsake;
  let libraryId: number;
  let wanted: Map<string, PhotoFields>;
  const before_ = new Map<string, ReturnType<typeof snapshot>>();

  before(async () => {
    fillFolder();
    for (const name of readdirSync(photos, { recursive: true }) as string[]) {
      const path = join(photos, name);
      if (statSync(path).isFile() && !name.endsWith('.xmp')) before_.set(path, snapshot(path));
    }
    ks = openKeepsake({ dataDir: join(dir, 'data'), workers: 2 });
    const library = await ks.handlers['libraries.add']({ name: 'Family', folders: [photos] });
    assert.equal(library.writeSidecars, true, 'a new library keeps sidecars by default');
    libraryId = library.id;
    await scan(ks, libraryId);
  });
  after(async () => {
    await ks?.close();
  });

  it('reads the other apps’ sidecars on import: Photoshop’s rating, f-spot’s title and keywords', () => {
    const fields = fieldsByName(ks, libraryId);
    assert.equal(fields.get('Nikon.jpg')?.rating, 1, 'xap:Rating="1" of XMP.xmp');
    assert.deepEqual(fields.get('Nikon.jpg')?.albums, ['Keywords/&-&amp;-&', 'Keywords/test1']);
    assert.equal(fields.get('Canon.jpg')?.caption, 'XMP nodeID test (XMP written by f-spot)', 'dc:title, as a caption');
    assert.deepEqual(fields.get('Canon.jpg')?.albums, ['Keywords/ExifTool', 'Keywords/XMP', 'Keywords/nodeID', 'Keywords/test']);
  });

  it('writes every change into the sidecars, which exifr and a namespace-aware DOM both read', async () => {
    const summer = await ks.handlers['albums.create']({ libraryId, title: 'Summer 2024' });
    const family = await ks.handlers['albums.create']({ libraryId, title: 'Family | Grandma' });
    const items = ks.db
      .prepare('SELECT p.image_hash AS imageHash, f.path AS mainPath FROM photos p JOIN files f ON f.hash = p.main_file WHERE p.library_id = ? ORDER BY f.path')
      .all(libraryId) as { imageHash: string; mainPath: string }[];
    const list = { items };
    assert.ok(list.items.length >= 20);
    for (const [i, photo] of list.items.entries()) {
      await ks.handlers['photos.setRating']({ imageHash: photo.imageHash, rating: (i % 5) + 1 });
      await ks.handlers['photos.setCaption']({ imageHash: photo.imageHash, caption: `Caption ${i} — café & <friends> “quoted”` });
      if (i % 2 === 0) await ks.handlers['albums.addPhotos']({ albumId: summer.id, imageHashes: [photo.imageHash] });
      if (i % 3 === 0) await ks.handlers['albums.addPhotos']({ albumId: family.id, imageHashes: [photo.imageHash] });
      if (i % 4 === 0) {
        addFace(ks.db, photo.imageHash, { x: 0.1, y: 0.2, w: 0.25, h: 0.3 }, `Person ${i}`);
        addFace(ks.db, photo.imageHash, { x: 0.5, y: 0.4, w: 0.1, h: 0.125 }, null);
      }
    }
    ks.db.prepare(`UPDATE photos SET color_label = 'Red' WHERE image_hash = ?`).run(list.items[1]?.imageHash);
    // f-spot's sidecar gets an album too: its dc:subject (an rdf:nodeID reference) is then rewritten, with its keywords.
    const canon = list.items.find((photo) => photo.mainPath?.endsWith('Canon.jpg') === true);
    await ks.handlers['albums.addPhotos']({ albumId: family.id, imageHashes: [canon?.imageHash as string] });
    await ks.handlers['albums.removePhotos']({ albumId: summer.id, imageHashes: [canon?.imageHash as string] });
    await sidecarsWritten(ks);
    wanted = fieldsByName(ks, libraryId);

    const mains = ks.db.prepare(`SELECT f.path FROM photos p JOIN files f ON f.hash = p.main_file WHERE p.library_id = ?`).pluck().all(libraryId) as string[];
    for (const main of mains) {
      const name = basename(main);
      const sidecar = name === 'Nikon.jpg' ? join(photos, 'trip/Nikon.xmp') : `${main}.xmp`;
      assert.ok(existsSync(sidecar), `a sidecar for ${name}`);
      const want = wanted.get(name) as PhotoFields;
      const text = readFileSync(sidecar, 'utf8');
      // exifr
      const parsed = (await exifr.sidecar(Buffer.from(text), undefined, 'xmp')) as Record<string, Record<string, unknown>>;
      assert.equal((parsed.xmp ?? parsed.xap)?.Rating, want.rating, `${name}: rating, as exifr reads it`);
      const subjects = ([] as unknown[]).concat(parsed.dc?.subject ?? []).map(String);
      // (exifr leaves entities and CDATA undecoded: the one keyword made of them is checked by the DOM.)
      for (const album of want.albums.filter((a) => !a.includes('&'))) assert.ok(subjects.includes(album.replace(/^Keywords\//, '')), `${name}: ${album} in dc:subject (${subjects.join(', ')})`);
      const regions = parsed['mwg-rs']?.Regions as { RegionList?: unknown } | undefined;
      assert.equal(([] as unknown[]).concat(regions?.RegionList ?? []).length, want.faces.length, `${name}: faces as exifr reads them`);
      // A second reader: the DOM, namespace-aware (the prefixes in the file do not matter).
      const doc = new DOMParser().parseFromString(text.slice(text.indexOf('<x:xmpmeta')), 'text/xml');
      const description = Array.from(doc.getElementsByTagNameNS(NS.dc, 'description'))[0];
      const captionLi = description === undefined ? undefined : Array.from(description.getElementsByTagNameNS(NS.rdf, 'li')).find((li) => li.getAttributeNS(NS.xml, 'lang') === 'x-default');
      assert.equal(captionLi?.textContent, want.caption, `${name}: caption`);
      const hierarchy = Array.from(doc.getElementsByTagNameNS(NS.lr, 'hierarchicalSubject')).flatMap((node) => Array.from(node.getElementsByTagNameNS(NS.rdf, 'li')).map((li) => li.textContent));
      for (const album of want.albums.filter((a) => !a.startsWith('Keywords/'))) assert.ok(hierarchy.includes(`Keepsake|Albums|${album}`), `${name}: ${album} in lr:hierarchicalSubject`);
      const names = Array.from(doc.getElementsByTagNameNS(NS.mwgRs, 'Name')).map((node) => node.textContent);
      for (const face of want.faces) if (face.name !== null) assert.ok(names.includes(face.name), `${name}: face ${face.name}`);
    }
  });

  it('never changes a photo file: bytes and modification times as they were', () => {
    for (const [path, was] of before_) {
      const now = snapshot(path);
      assert.ok(now.bytes.equals(was.bytes), `${path} unchanged`);
      assert.equal(now.mtimeMs, was.mtimeMs, `${path} not touched`);
    }
  });

  it('keeps the tags of XMP.xmp (Photoshop) and XMP2.xmp (f-spot) through Keepsake’s writes', async () => {
    const original = readFileSync(corpusFile('exiftool-samples/XMP.xmp'), 'utf8');
    const written = readFileSync(join(photos, 'trip/Nikon.xmp'), 'utf8');
    // Everything of the Photoshop block but the rating is there byte for byte.
    const ownBlock = original.slice(original.indexOf('<rdf:Description'), original.indexOf('</rdf:Description>'));
    for (const line of ownBlock.split('\n')) if (!line.includes('xap:Rating') && !/<\/?dc:subject|<\/?rdf:Bag|test1|CDATA/.test(line)) assert.ok(written.includes(line), `kept: ${line.trim()}`);
    const [was, now] = await Promise.all([original, written].map((text) => exifr.sidecar(Buffer.from(text), undefined, 'xmp') as Promise<Record<string, Record<string, unknown>>>));
    for (const group of ['exif', 'tiff', 'xapMM', 'photoshop']) assert.deepEqual(now?.[group], was?.[group], `the ${group} tags`);
    assert.deepEqual(now?.dc?.rights, was?.dc?.rights);
    assert.equal(now?.xap?.CreatorTool, 'Adobe Photoshop CS2 Windows');

    const fspot = readFileSync(corpusFile('exiftool-samples/XMP2.xmp'), 'utf8');
    const merged = readFileSync(join(photos, 'trip/Canon.jpg.xmp'), 'utf8');
    assert.ok(merged.startsWith('<?xpacket begin="\u001a" id="testing"?>'), 'the packet wrapper as it was');
    for (const kept of ['<aux:Lens>18.0 - 55.0mm</aux:Lens>', '<aux:SerialNumber>0123456789</aux:SerialNumber>', '<tiff:ImageLength>2048</tiff:ImageLength>', 'dc:title="XMP nodeID test (XMP written by f-spot)"']) {
      assert.ok(fspot.includes(kept) && merged.includes(kept), kept);
    }
    const fspotTags = (await exifr.sidecar(Buffer.from(merged), undefined, 'xmp')) as Record<string, Record<string, unknown>>;
    assert.deepEqual(fspotTags.aux, { Lens: '18.0 - 55.0mm', SerialNumber: 123456789 });
    for (const keyword of ['ExifTool', 'XMP', 'nodeID', 'test']) assert.ok(([] as unknown[]).concat(fspotTags.dc?.subject).includes(keyword), `f-spot's keyword ${keyword}`);
  });

  it('a new library over the same folder gets back every rating, caption, album and named face', async () => {
    await ks.close();
    rmSync(join(dir, 'data'), { recursive: true, force: true });
    ks = openKeepsake({ dataDir: join(dir, 'data'), workers: 2 });
    const library = await ks.handlers['libraries.add']({ name: 'Family again', folders: [photos] });
    libraryId = library.id;
    await scan(ks, libraryId);
    const back = fieldsByName(ks, libraryId);
    assert.equal(back.size, wanted.size);
    for (const [name, want] of wanted) {
      const got = back.get(name) as PhotoFields;
      assert.equal(got.rating, want.rating, `${name}: rating`);
      assert.equal(got.caption, want.caption, `${name}: caption`);
      assert.deepEqual(got.albums, want.albums, `${name}: albums`);
      assert.equal(got.faces.length, want.faces.length, `${name}: faces`);
      got.faces.forEach((face, i) => {
        const other = want.faces[i] as PhotoFields['faces'][number];
        assert.equal(face.name, other.name);
        for (const key of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(face[key] - other[key]) < 1e-6, `${name}: face ${key}`);
      });
    }
    const label = ks.db.prepare(`SELECT count(*) FROM photos WHERE color_label = 'Red'`).pluck().get();
    assert.equal(label, 1, 'the colour label came back too');
    // Nothing to write: the sidecars hold what the new library holds.
    assert.equal(ks.db.prepare('SELECT count(*) FROM sidecar_pending').pluck().get(), 0);
  });
});
