/**
 * A folder as the scan's file workers read it: photos stat'ed, walkable subfolders, what cannot be
 * imported and why — the same whichever way the folder is read (whole, names as strings; or entry
 * by entry, names as bytes, when a name may not be UTF-8).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listFolder } from './list-folder.ts';
import { REASONS } from './scan-problems.ts';

const linux = process.platform === 'linux';

describe('listFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-list-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A folder of photos, other files, subfolders, a link and (where the system has them) a FIFO. */
  function folderWithEverything(name: string): string {
    const folder = join(dir, name);
    mkdirSync(join(folder, 'Trip'), { recursive: true });
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, 'a.jpg'), 'abc');
    writeFileSync(join(folder, 'B.JPG'), 'abcdef');
    writeFileSync(join(folder, 'clip.mp4'), 'v');
    writeFileSync(join(folder, 'notes.txt'), 'not a photo');
    writeFileSync(join(folder, '.hidden.jpg'), 'h');
    symlinkSync(join(folder, 'a.jpg'), join(folder, 'link.jpg'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(folder, 'pipe.jpg')]);
    return folder;
  }

  const summary = (folder: string, listing: ReturnType<typeof listFolder>) => ({
    files: listing.files.map((f) => ({ name: f.path.slice(folder.length + 1), type: f.type, size: f.size })).sort((x, y) => x.name.localeCompare(y.name)),
    subfolders: listing.subfolders.map((p) => p.slice(folder.length + 1)),
    skipped: listing.skipped.filter((s) => s.reason !== REASONS.notUtf8).map((s) => ({ name: s.path.slice(folder.length + 1), reason: s.reason })),
    errors: listing.errors,
    truncated: listing.truncated,
  });

  it('lists the photos with their stats, the walkable subfolders, and a FIFO named like a photo as skipped', () => {
    const folder = folderWithEverything('plain');
    const listing = listFolder(folder, 100);
    assert.deepEqual(summary(folder, listing), {
      files: [
        { name: 'a.jpg', type: 'IMAGE', size: 3 },
        { name: 'B.JPG', type: 'IMAGE', size: 6 },
        { name: 'clip.mp4', type: 'VIDEO', size: 1 },
      ],
      subfolders: ['Trip'],
      skipped: process.platform === 'win32' ? [] : [{ name: 'pipe.jpg', reason: REASONS.notRegular }],
      errors: [],
      truncated: false,
    });
    for (const file of listing.files) assert.ok(file.mtimeMs > 0 && file.ino > 0, `${file.path} carries its stat`);
  });

  it('a folder with a name that is not UTF-8 is read byte-exact, and lists the same besides that name', { skip: linux ? false : 'only Linux file systems take any bytes in a name' }, () => {
    const folder = folderWithEverything('latin1');
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.jpg')]), 'x');
    const listing = listFolder(folder, 100);
    assert.deepEqual(summary(folder, listing), summary(join(dir, 'plain'), listFolder(join(dir, 'plain'), 100)));
    const notUtf8 = listing.skipped.filter((s) => s.reason === REASONS.notUtf8);
    assert.equal(notUtf8.length, 1);
    assert.equal(notUtf8[0]?.path, join(folder, 'caf\\xe9.jpg'));
    assert.deepEqual([...(notUtf8[0]?.rawPath ?? [])].slice(-8), [...Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.jpg')])]);
  });

  it('stops at maxFiles files: the caller reads a huge folder itself', () => {
    const folder = join(dir, 'plain');
    assert.deepEqual(listFolder(folder, 2), { folder, files: [], subfolders: [], errors: [], skipped: [], truncated: true });
  });

  it('a folder that cannot be read is an error of its own, not an empty folder', () => {
    const gone = join(dir, 'no-such-folder');
    const listing = listFolder(gone, 100);
    assert.equal(listing.errors.length, 1);
    assert.equal(listing.errors[0]?.path, gone);
    assert.equal(listing.errors[0]?.code, 'ENOENT');
  });
});
