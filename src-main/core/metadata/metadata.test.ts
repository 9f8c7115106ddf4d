import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { exifDateToIso, readCaptureDate } from './capture-date.ts';
import { readXmpSidecar } from './xmp-sidecar.ts';

describe('readCaptureDate', () => {
  it('reads DateTimeOriginal from JPEG and RAW files, with the offset when recorded', async () => {
    assert.equal(await readCaptureDate(corpusFile('exif-samples/jpg/Canon_40D.jpg')), '2008-05-30T15:56:01');
    assert.equal(await readCaptureDate(corpusFile('exiftool-samples/Nikon.nef')), '2004-06-09T16:02:35');
    assert.equal(await readCaptureDate(corpusFile('exif-samples/heic/IMG_5195.HEIC')), '2021-04-11T15:47:53-05:00');
  });
  it('answers null, never throws, for files without EXIF or that are not images', async () => {
    assert.equal(await readCaptureDate(corpusFile('exiftool-samples/PDF.pdf')), null);
    assert.equal(await readCaptureDate(corpusFile('exiftool-samples/Text1.txt')), null);
    assert.equal(await readCaptureDate('/nonexistent.jpg'), null);
  });
  it('rejects the zero dates cameras write when unset', () => {
    assert.equal(exifDateToIso('0000:00:00 00:00:00'), null);
    assert.equal(exifDateToIso('2020:01:02 03:04:05', '+01:00'), '2020-01-02T03:04:05+01:00');
    assert.equal(exifDateToIso(42), null);
  });
});

describe('readXmpSidecar', () => {
  it('reads rating and capture date of a Photoshop sidecar, its keywords, and what the file was', async () => {
    const sidecar = await readXmpSidecar(corpusFile('exiftool-samples/XMP.xmp'));
    assert.deepEqual({ rating: sidecar.rating, caption: sidecar.caption, capturedAt: sidecar.capturedAt }, { rating: 1, caption: null, capturedAt: '2005-06-09T20:09:27+02:00' });
    assert.deepEqual(sidecar.fields.subjects, ['test1', '&-&amp;-&']);
    assert.equal(sidecar.file.size, statSync(corpusFile('exiftool-samples/XMP.xmp')).size);
    assert.match(sidecar.file.digest, /^[0-9a-f]{32}$/, "an MD5, as a scan hashes the file");
  });
  it('takes the title for a caption when there is no description (f-spot)', async () => {
    const sidecar = await readXmpSidecar(corpusFile('exiftool-samples/XMP2.xmp'));
    assert.equal(sidecar.caption, 'XMP nodeID test (XMP written by f-spot)');
  });
});
