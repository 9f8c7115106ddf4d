import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findSidecar, isSidecarName, sidecarCandidates, sidecarPathFor } from './sidecar-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'keepsake-sidecar-path-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('sidecar naming', () => {
  it('writes IMG_0001.CR2.xmp; reads that, then IMG_0001.xmp, then the sidecars of the photo’s other files', () => {
    assert.equal(sidecarPathFor('/p/IMG_0001.CR2'), '/p/IMG_0001.CR2.xmp');
    assert.deepEqual(sidecarCandidates('/p/IMG_0001.JPG', ['/p/IMG_0001.CR2', '/p/IMG_0001.xmp']), [
      '/p/IMG_0001.JPG.xmp', '/p/IMG_0001.xmp', '/p/IMG_0001.JPG.XMP', '/p/IMG_0001.XMP', '/p/IMG_0001.CR2.xmp', '/p/IMG_0001.CR2.XMP',
    ]);
    assert.ok(isSidecarName('/p/a.XMP') && !isSidecarName('/p/a.jpg') && !isSidecarName('/p/a.xmp.jpg'));
  });

  it('finds the existing one, passing over one another photo claims, and reports what is no regular file', async () => {
    mkdirSync(join(dir, 'p'));
    writeFileSync(join(dir, 'p/IMG_1.xmp'), '<x/>');
    const candidates = sidecarCandidates(join(dir, 'p/IMG_1.MOV'));
    assert.deepEqual(await findSidecar(candidates, () => false), { path: join(dir, 'p/IMG_1.xmp'), kind: 'file' });
    assert.equal(await findSidecar(candidates, (path) => path.endsWith('IMG_1.xmp')), null, "the picture's sidecar is not the video's");
    symlinkSync(join(dir, 'p/IMG_1.xmp'), join(dir, 'p/IMG_2.JPG.xmp'));
    assert.deepEqual(await findSidecar(sidecarCandidates(join(dir, 'p/IMG_2.JPG')), () => false), { path: join(dir, 'p/IMG_2.JPG.xmp'), kind: 'symlink' });
    mkdirSync(join(dir, 'p/IMG_3.JPG.xmp'));
    assert.equal((await findSidecar(sidecarCandidates(join(dir, 'p/IMG_3.JPG')), () => false))?.kind, 'not-a-file');
  });
});
