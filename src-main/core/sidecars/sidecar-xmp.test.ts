import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import exifr from 'exifr';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { NS } from './xmp-namespaces.ts';
import { readSidecarXmp, writeSidecarXmp, XmpError, type SidecarWrite } from './sidecar-xmp.ts';

const corpus = (name: string): string => readFileSync(corpusFile(`exiftool-samples/${name}`), 'utf8');
const exif = async (text: string) => (await exifr.sidecar(Buffer.from(text), undefined, 'xmp')) as Record<string, Record<string, unknown>>;

const WANTED: SidecarWrite = {
  rating: 4,
  label: 'Red',
  caption: 'Grandma’s garden & <the> "roses"',
  subjects: ['Summer', 'Paris'],
  hierarchical: ['Keepsake|Albums|Summer'],
  faces: [
    { x: 0.1, y: 0.2, w: 0.3, h: 0.25, name: 'Ana' },
    { x: 0.5, y: 0.5, w: 0.1, h: 0.1, name: null },
  ],
  dimensions: { width: 640, height: 480 },
};
const NOTHING: SidecarWrite = { rating: null, label: '', caption: '', subjects: [], hierarchical: [], faces: [], dimensions: null };

describe('sidecar XMP: reading', () => {
  it('reads Photoshop’s attributes, Lightroom’s lists and f-spot’s rdf:nodeID references', () => {
    const photoshop = readSidecarXmp(corpus('XMP.xmp'));
    assert.deepEqual([photoshop.rating, photoshop.caption, photoshop.capturedAt], [1, null, '2005-06-09T20:09:27+02:00']);
    assert.deepEqual(photoshop.subjects, ['test1', '&-&amp;-&'], 'entities and CDATA decoded');
    const fspot = readSidecarXmp(corpus('XMP2.xmp'));
    assert.deepEqual([fspot.title, fspot.subjects], ['XMP nodeID test (XMP written by f-spot)', ['ExifTool', 'XMP', 'nodeID', 'test']]);
    const nonStandard = readSidecarXmp(corpus('XMP3.xmp'));
    assert.equal(nonStandard.title, 'ExifTool common node, nonstandard namespace prefix, and bad list type tests', 'a prefix other than dc: for the dc namespace');
    const twoBlocks = readSidecarXmp(corpus('XMP4.xmp'));
    assert.deepEqual(twoBlocks.subjects, ['one', 'two']);
  });

  it('reads MWG face regions, normalised or in pixels, and leaves out what is not a face it can place', () => {
    const xmp = writeSidecarXmp(null, WANTED);
    assert.deepEqual(readSidecarXmp(xmp).faces, WANTED.faces);
    const pixels = xmp.replace('stArea:x="0.25" stArea:y="0.325" stArea:w="0.3" stArea:h="0.25" stArea:unit="normalized"', 'stArea:x="160" stArea:y="156" stArea:w="192" stArea:h="120" stArea:unit="pixel"');
    assert.deepEqual(readSidecarXmp(pixels).faces[0], { x: 0.1, y: 0.2, w: 0.3, h: 0.25, name: 'Ana' });
    // XMP5.xmp: a "face" 8 × 8 in no unit, and a region of another kind.
    assert.deepEqual(readSidecarXmp(corpus('XMP5.xmp')).faces, []);
  });

  it('refuses what is not XMP', () => {
    assert.throws(() => readSidecarXmp('not xml at all'), XmpError);
    assert.throws(() => readSidecarXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'), XmpError);
    assert.throws(() => readSidecarXmp('<a><b></a>'), XmpError);
    assert.throws(() => writeSidecarXmp('<html><body>hi</body></html>', WANTED), XmpError, 'never written over');
  });
});

describe('sidecar XMP: writing', () => {
  it('a new sidecar holds every field, and exifr and a namespace-aware DOM both read it', async () => {
    const xmp = writeSidecarXmp(null, WANTED);
    assert.ok(xmp.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>'));
    assert.ok(xmp.trimEnd().endsWith('<?xpacket end="w"?>'));
    const read = readSidecarXmp(xmp);
    assert.deepEqual([read.rating, read.label, read.caption, read.subjects, read.hierarchical], [4, 'Red', WANTED.caption, WANTED.subjects, WANTED.hierarchical]);
    const tags = await exif(xmp);
    assert.deepEqual([tags.xmp?.Rating, tags.xmp?.Label, tags.dc?.subject, tags.lr?.hierarchicalSubject], [4, 'Red', ['Summer', 'Paris'], 'Keepsake|Albums|Summer']);
    const regions = tags['mwg-rs']?.Regions as { AppliedToDimensions: unknown; RegionList: { Name?: string; Type: string; Area: Record<string, unknown> }[] };
    assert.deepEqual(regions.AppliedToDimensions, { w: 640, h: 480, unit: 'pixel' });
    assert.deepEqual(regions.RegionList.map((r) => [r.Type, r.Name, r.Area]), [
      ['Face', 'Ana', { x: 0.25, y: 0.325, w: 0.3, h: 0.25, unit: 'normalized' }],
      ['Face', undefined, { x: 0.55, y: 0.55, w: 0.1, h: 0.1, unit: 'normalized' }],
    ]);
    const doc = new DOMParser().parseFromString(xmp.slice(xmp.indexOf('<x:xmpmeta')), 'text/xml');
    const li = Array.from(doc.getElementsByTagNameNS(NS.dc, 'description')[0]?.getElementsByTagNameNS(NS.rdf, 'li') ?? []);
    assert.deepEqual(li.map((node) => [node.getAttributeNS(NS.xml, 'lang'), node.textContent]), [['x-default', WANTED.caption]]);
  });

  it('writing the same values again changes nothing, byte for byte', () => {
    for (const name of ['XMP.xmp', 'XMP2.xmp', 'XMP3.xmp', 'XMP4.xmp', 'XMP5.xmp']) {
      const once = writeSidecarXmp(corpus(name), WANTED);
      assert.equal(writeSidecarXmp(once, WANTED), once, name);
    }
    const photoshop = corpus('XMP.xmp');
    const same = readSidecarXmp(photoshop);
    assert.equal(writeSidecarXmp(photoshop, { ...NOTHING, rating: 1, subjects: same.subjects }), photoshop, 'values the file holds: not one byte changed');
  });

  it('changes Photoshop’s rating where it is, and leaves every other byte of its block as it was', async () => {
    const original = corpus('XMP.xmp');
    const written = writeSidecarXmp(original, { ...NOTHING, rating: 5, subjects: ['test1', '&-&amp;-&'] });
    assert.equal(written, original.replace('xap:Rating="1"', 'xap:Rating="5"'));
    const merged = writeSidecarXmp(original, WANTED);
    const [was, now] = await Promise.all([exif(original), exif(merged)]);
    for (const group of ['exif', 'tiff', 'xapMM', 'photoshop']) assert.deepEqual(now[group], was[group], group);
    assert.deepEqual(now.dc?.rights, was.dc?.rights);
    assert.equal(readSidecarXmp(merged).rating, 4);
    // The Photoshop block lost only its dc:subject (rewritten, merged, in Keepsake's block).
    const block = (text: string) => text.slice(text.indexOf('<rdf:Description'), text.indexOf('</rdf:Description>'));
    assert.equal(block(merged), block(original).replace('xap:Rating="1"', 'xap:Rating="4"').replace(/\n {3}<dc:subject>[\s\S]*?<\/dc:subject>/, ''));
  });

  it('keeps f-spot’s nodeID structure and packet wrapper, and the keywords it references', async () => {
    const original = corpus('XMP2.xmp');
    const merged = writeSidecarXmp(original, { ...WANTED, subjects: ['ExifTool', 'XMP', 'nodeID', 'test', 'Summer'] });
    assert.ok(merged.startsWith(original.slice(0, original.indexOf('<rdf:Bag rdf:nodeID="anon2">'))), 'the wrapper and the two nodeID blocks, byte for byte');
    assert.ok(merged.endsWith('</x:xmpmeta><?xpacket end="r"?>'));
    assert.ok(!merged.includes('rdf:nodeID="anon2"'), 'the Bag only the old dc:subject referred to is gone with it');
    const tags = await exif(merged);
    assert.deepEqual(tags.dc?.subject, ['ExifTool', 'XMP', 'nodeID', 'test', 'Summer']);
    assert.equal(tags.dc?.title, 'XMP nodeID test (XMP written by f-spot)');
    assert.deepEqual(tags.aux, { Lens: '18.0 - 55.0mm', SerialNumber: 123456789 });
    assert.deepEqual(tags.tiff, { ImageLength: 2048, ImageWidth: 3072 });
  });

  it('keeps another app’s regions and a caption’s other languages', () => {
    const regions = writeSidecarXmp(corpus('XMP5.xmp'), WANTED);
    assert.ok(regions.includes('<mwg-rs:Name>Region 1</mwg-rs:Name>'), 'the region Keepsake cannot place');
    assert.ok(regions.includes('verfänglich') && regions.includes('this is wild'), "the other region's extensions");
    assert.equal(readSidecarXmp(regions).faces.length, 2);
    const withFrench = writeSidecarXmp(null, WANTED).replace(
      `<rdf:li xml:lang="x-default">${WANTED.caption.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</rdf:li>`,
      '<rdf:li xml:lang="x-default">Old</rdf:li><rdf:li xml:lang="fr">Le jardin</rdf:li><rdf:li xml:lang="en">Old</rdf:li>',
    );
    assert.equal(readSidecarXmp(withFrench).caption, 'Old');
    const recaptioned = writeSidecarXmp(withFrench, { ...WANTED, caption: 'New' });
    assert.equal(readSidecarXmp(recaptioned).caption, 'New');
    assert.ok(recaptioned.includes('<rdf:li xml:lang="fr">Le jardin</rdf:li>'), 'another language kept');
    assert.ok(!recaptioned.includes('>Old<'), 'a language that only repeated the old caption is not kept');
    assert.equal(readSidecarXmp(writeSidecarXmp(recaptioned, { ...WANTED, caption: '' })).caption, null, 'an emptied caption leaves no language behind');
  });

  it('takes out what Keepsake no longer holds, and leaves a rating alone when it has none to give', () => {
    const full = writeSidecarXmp(null, WANTED);
    const emptied = writeSidecarXmp(full, NOTHING);
    const read = readSidecarXmp(emptied);
    assert.deepEqual([read.rating, read.label, read.caption, read.subjects, read.hierarchical, read.faces], [4, null, null, [], [], []]);
  });
});
