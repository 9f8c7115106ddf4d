import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS_DIR } from '../../../test/support/temp-library.ts';
import { classifyFile, isScannable, isScannableFolder } from './file-type.ts';

/** Every extension found in the shared corpus, with the type it must get. */
const EXPECTED: Record<string, string> = {
  jpg: 'IMAGE', jpeg: 'IMAGE', tiff: 'IMAGE', heic: 'IMAGE', heif: 'IMAGE', png: 'IMAGE', gif: 'IMAGE', bmp: 'IMAGE',
  webp: 'IMAGE', jxl: 'IMAGE', psd: 'IMAGE',
  cr2: 'RAW_FILE', cr3: 'RAW_FILE', crw: 'RAW_FILE', dng: 'RAW_FILE', raf: 'RAW_FILE', nef: 'RAW_FILE', rw2: 'RAW_FILE',
  x3f: 'RAW_FILE', mrw: 'RAW_FILE', iiq: 'RAW_FILE', raw: 'RAW_FILE',
  mov: 'VIDEO', avi: 'VIDEO', mts: 'VIDEO', mkv: 'VIDEO', wmv: 'VIDEO', dv: 'VIDEO', mp4: 'VIDEO', webm: 'VIDEO',
  xmp: 'METADATA_FILE', aae: 'METADATA_FILE',
  pdf: 'UNKNOWN', txt: 'UNKNOWN', zip: 'UNKNOWN', md: 'UNKNOWN', rst: 'UNKNOWN', '': 'UNKNOWN',
};

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? corpusFiles(join(dir, entry.name)) : [join(dir, entry.name)]);
}

describe('classifyFile', () => {
  it('classifies every file of the corpus by its extension', () => {
    const files = corpusFiles(CORPUS_DIR);
    assert.ok(files.length > 100);
    for (const file of files) {
      const ext = extname(file).slice(1).toLowerCase();
      assert.ok(ext in EXPECTED, `extension .${ext} of ${relative(CORPUS_DIR, file)} has no expected type in this table`);
      assert.equal(classifyFile(file), EXPECTED[ext], relative(CORPUS_DIR, file));
    }
  });

  it('ignores case and covers the other RAW makes', () => {
    assert.equal(classifyFile('/a/IMG_0001.JPG'), 'IMAGE');
    assert.equal(classifyFile('/a/b.HEIC'), 'IMAGE');
    for (const ext of ['ARW', 'orf', 'PEF', 'srw', 'nrw', '3fr']) assert.equal(classifyFile(`/x/y.${ext}`), 'RAW_FILE', ext);
    assert.equal(classifyFile('/x/y.M2TS'), 'VIDEO');
    assert.equal(classifyFile('/x/IMG_1.JPG.xmp'), 'METADATA_FILE');
  });
});

describe('isScannable', () => {
  it('skips hidden files, our marker, system files and unknown types', () => {
    assert.equal(isScannable('/r/photo.jpg'), true);
    assert.equal(isScannable('/r/clip.MOV'), true);
    assert.equal(isScannable('/r/.keepsake-root'), false);
    assert.equal(isScannable('/r/.hidden.jpg'), false);
    assert.equal(isScannable('/r/._photo.jpg'), false);
    assert.equal(isScannable('/r/Thumbs.db'), false);
    assert.equal(isScannable('/r/notes.txt'), false);
    assert.equal(isScannable('/r/photo.jpg~'), false);
  });
  it('skips hidden and system folders', () => {
    assert.equal(isScannableFolder('2024'), true);
    assert.equal(isScannableFolder('.git'), false);
    assert.equal(isScannableFolder('@eaDir'), false);
  });
});
