import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import exifr from 'exifr';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { readSidecarXmp, writeSidecarXmp, type SidecarWrite } from './sidecar-xmp.ts';
import { xmlText } from './xml-chars.ts';

/** Any character XML 1.0 cannot hold, even as a reference. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}|&#(x0*[0-8bcefBCEF]|x0*1[0-9a-fA-F]|0*[0-8]|0*1[124-9]|0*2\d|0*3[01]);/u;

const BAD = 'Beach\u0001 day\u000B at \uD800dawn 🌅\uFFFE';
const CLEAN = 'Beach day at dawn 🌅';

const wanted: SidecarWrite = {
  rating: 3,
  label: `Red\u0002`,
  caption: BAD,
  subjects: [`Summer\u001F`, '\u0007'],
  hierarchical: [`Keepsake|Albums|Summer\u001F`],
  faces: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.25, name: `Ana\uDFFF` }],
  dimensions: null,
};

async function readBack(xmp: string): Promise<void> {
  assert.doesNotMatch(xmp, NOT_XML);
  const read = readSidecarXmp(xmp); // the strict parser sidecars are written and read with
  assert.equal(read.caption, CLEAN, 'the bad characters gone, the emoji kept');
  assert.equal(read.label, 'Red');
  assert.ok(read.subjects.includes('Summer') && !read.subjects.includes(''), 'a keyword of nothing but a control character is left out');
  assert.ok(read.hierarchical.includes('Keepsake|Albums|Summer'));
  assert.deepEqual(read.faces.map((face) => face.name), ['Ana']);
  const tags = (await exifr.sidecar(Buffer.from(xmp), undefined, 'xmp')) as Record<string, Record<string, unknown>>;
  const description = tags.dc?.description;
  assert.equal(typeof description === 'object' && description !== null ? (description as Record<string, unknown>).value ?? Object.values(description)[0] : description, CLEAN);
}

describe('characters XML cannot hold', () => {
  it('are dropped from a text, and a surrogate pair is not one of them', () => {
    assert.equal(xmlText(BAD), CLEAN);
    assert.equal(xmlText('tab\tline\ncr\r 🌹'), 'tab\tline\ncr\r 🌹');
  });

  it('are left out of a new sidecar, which parses and reads back', async () => {
    await readBack(writeSidecarXmp(null, wanted));
  });

  it('are left out of a merged write into another app’s sidecar, which keeps its own tags', async () => {
    const photoshop = readFileSync(corpusFile('exiftool-samples/XMP.xmp'), 'utf8');
    const merged = writeSidecarXmp(photoshop, wanted);
    await readBack(merged);
    assert.ok(merged.includes('xap:Rating="3"'), 'its attribute changed where it is');
    assert.equal(writeSidecarXmp(merged, wanted), merged, 'the next write of the same values changes nothing');
  });
});
