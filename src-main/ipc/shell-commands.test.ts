import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MediaSource } from '../core/keepsake.ts';
import { createShellCommandHandlers, type Desktop } from './shell-commands.ts';

const PRESENT = 'a'.repeat(32) + '1';
const GONE = 'b'.repeat(32) + '1';
const UNKNOWN = 'c'.repeat(32) + '1';
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keepsake-shell-'));
  await writeFile(join(dir, 'here.jpg'), 'jpeg');
});
after(async () => rm(dir, { recursive: true, force: true }));

function setup(picked: string | null = null) {
  const shown: string[] = [];
  const gone: string[] = [];
  const opened: string[] = [];
  const titles: (string | undefined)[] = [];
  const sources = new Map<string, MediaSource>([
    [PRESENT, { path: join(dir, 'here.jpg'), mime: 'image/jpeg', size: 4 }],
    [GONE, { path: join(dir, 'gone.jpg'), mime: 'image/jpeg', size: 4 }],
  ]);
  const desktop: Desktop = {
    pickFolder: async (title) => (titles.push(title), picked),
    pickFile: async (title, near) => (titles.push(title), near === undefined ? picked : `${near}/${picked}`),
    showItemInFolder: (path) => void shown.push(path),
    openPath: async (path) => (opened.push(path), path.endsWith('broken.jpg') ? 'No application knows this file type' : ''),
    logFile: null,
  };
  const handlers = createShellCommandHandlers({ fileSource: (hash) => sources.get(hash) ?? null, reportFileGone: (hash) => void gone.push(hash) }, desktop);
  return { handlers, shown, gone, titles, opened };
}

describe('shell commands', () => {
  it('photos.openInDefaultApp opens the path the database knows, and says when the system could not', async () => {
    const { handlers, opened } = setup();
    assert.deepEqual(await handlers['photos.openInDefaultApp']({ fileHash: PRESENT }), { opened: true });
    assert.deepEqual(opened, [join(dir, 'here.jpg')]);
    await assert.rejects(Promise.resolve(handlers['photos.openInDefaultApp']({ fileHash: UNKNOWN })), { code: 'not_found' });
  });

  it('dialog.pickFolder returns the chosen folder, or null when cancelled', async () => {
    const chosen = setup('/home/me/Pictures');
    assert.deepEqual(await chosen.handlers['dialog.pickFolder']({ title: 'Add a folder' }), { path: '/home/me/Pictures' });
    assert.deepEqual(chosen.titles, ['Add a folder']);
    assert.deepEqual(await setup(null).handlers['dialog.pickFolder']({}), { path: null });
  });

  it('dialog.pickFile returns the chosen file (opening near a folder), or null when cancelled', async () => {
    const chosen = setup('IMG_1.jpg');
    assert.deepEqual(await chosen.handlers['dialog.pickFile']({ title: 'Locate IMG_1.jpg', near: '/home/me' }), { path: '/home/me/IMG_1.jpg' });
    assert.deepEqual(chosen.titles, ['Locate IMG_1.jpg']);
    assert.deepEqual(await setup(null).handlers['dialog.pickFile']({}), { path: null });
  });

  it('photos.showInFolder shows the path the database knows for the file id', async () => {
    const { handlers, shown, gone } = setup();
    assert.deepEqual(await handlers['photos.showInFolder']({ fileHash: PRESENT }), { shown: true });
    assert.deepEqual(shown, [join(dir, 'here.jpg')]);
    assert.deepEqual(gone, []);
  });

  it('photos.showInFolder flags a gone file missing instead of showing it', async () => {
    const { handlers, shown, gone } = setup();
    assert.deepEqual(await handlers['photos.showInFolder']({ fileHash: GONE }), { shown: false });
    assert.deepEqual(shown, []);
    assert.deepEqual(gone, [GONE]);
  });

  it('photos.showInFolder refuses an unknown file id with not_found', async () => {
    const { handlers, shown } = setup();
    await assert.rejects(Promise.resolve(handlers['photos.showInFolder']({ fileHash: UNKNOWN })), { code: 'not_found' });
    assert.deepEqual(shown, []);
  });
});
