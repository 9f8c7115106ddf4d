/**
 * The door and the media handler over the REAL core (openKeepsake on a temp folder, real SQLite,
 * real photos copied from the corpus): the core's table plus the shell table cover the contract
 * exactly, core errors keep their codes, and media by id follows the files on disk.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PhotoSummary } from '../../src-shared/domain.ts';
import { openKeepsake, type Keepsake } from '../core/keepsake.ts';
import { createAppProtocolHandler } from '../media/media-handler.ts';
import { createDispatcher, type Dispatcher } from './dispatcher.ts';
import { buildHandlerTable } from './handler-table.ts';
import { createShellCommandHandlers } from './shell-commands.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
let dir: string;
let photos: string;
let core: Keepsake;
let dispatch: Dispatcher;
const shown: string[] = [];

const ok = async <T>(promise: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> => {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value as T;
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keepsake-door-core-'));
  photos = join(dir, 'photos');
  await import('node:fs/promises').then(({ mkdir }) => mkdir(photos));
  await copyFile(join(CORPUS, 'exif-samples', 'jpg', 'Canon_40D.jpg'), join(photos, 'canon.jpg'));
  await copyFile(join(CORPUS, 'video', 'clip-vp9.webm'), join(photos, 'clip.webm'));
  core = openKeepsake({ dataDir: join(dir, 'data'), workers: 1 });
  const shell = createShellCommandHandlers(core, { pickFolder: async () => photos, pickFile: async () => null, showItemInFolder: (path) => void shown.push(path), openPath: async () => "", logFile: null });
  dispatch = createDispatcher(buildHandlerTable(core.handlers, shell));
});
after(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('door + media over the real core', () => {
  it('the core and shell tables together answer every contract command exactly once', () => {
    // buildHandlerTable threw in before() otherwise; this also proves neither side answers the other's commands.
    const shell = createShellCommandHandlers(core, { pickFolder: async () => null, pickFile: async () => null, showItemInFolder: () => undefined, openPath: async () => "", logFile: null });
    assert.throws(() => buildHandlerTable(core.handlers, shell, shell), /Duplicate handler/);
    assert.ok(!('dialog.pickFolder' in core.handlers) && !('photos.showInFolder' in core.handlers));
  });

  it('scans a real folder through the door and serves its files by id, with ranges', async () => {
    const { path } = await ok<{ path: string }>(dispatch('dialog.pickFolder', {}));
    const library = await ok<{ id: number }>(dispatch('libraries.add', { name: 'Door', folders: [path] }));
    const { jobId } = await ok<{ jobId: string }>(dispatch('jobs.start', { type: 'scan_photos', libraryId: library.id }));
    assert.equal((await core.waitForJob(jobId)).status, 'succeeded');
    const page = await ok<{ items: PhotoSummary[] }>(dispatch('photos.list', { libraryId: library.id }));
    const video = page.items.find((item) => item.mainPath?.endsWith('clip.webm'));
    const canon = page.items.find((item) => item.mainPath?.endsWith('canon.jpg'));
    assert.ok(video?.mainFileHash && canon?.mainFileHash, JSON.stringify(page.items));

    const handler = createAppProtocolHandler({ core, rendererDir: join(dir, 'no-renderer'), host: 'app' });
    const bytes = await readFile(join(photos, 'clip.webm'));
    const ranged = await handler(new Request(`keepsake://app/media/file/${video.mainFileHash}`, { headers: { Range: 'bytes=100-199' } }));
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
    assert.ok(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200)));
    const thumbnail = await handler(new Request(`keepsake://app/media/thumbnail/${canon.imageHash}`));
    assert.equal(thumbnail.status, 200);
    assert.equal(thumbnail.headers.get('content-type'), 'image/webp');
    await thumbnail.body?.cancel();

    assert.deepEqual(await ok(dispatch('photos.showInFolder', { fileHash: canon.mainFileHash })), { shown: true });
    assert.deepEqual(shown, [join(photos, 'canon.jpg')]);

    // Gone behind the app's back: 404, and missing at once (no scan) — the core says so with an event.
    await unlink(join(photos, 'canon.jpg'));
    const changed = new Promise<void>((resolve) => {
      const stop = core.on('library.changed', () => (stop(), resolve()));
    });
    assert.equal((await handler(new Request(`keepsake://app/media/file/${canon.mainFileHash}`))).status, 404);
    await changed;
    assert.equal((await ok<PhotoSummary>(dispatch('photos.get', { imageHash: canon.imageHash }))).availability, 'missing');
    assert.equal((await handler(new Request(`keepsake://app/media/file/${'0'.repeat(32)}1`))).status, 404);
  });

  it('keeps the core error codes and refuses malformed requests before the core', async () => {
    const unknown = await dispatch('photos.get', { imageHash: `${'0'.repeat(32)}1` });
    assert.equal(!unknown.ok && unknown.error.code, 'not_found');
    const unconfirmed = await dispatch('jobs.start', { type: 'delete_missing', libraryId: 1 });
    assert.equal(!unconfirmed.ok && unconfirmed.error.code, 'bad_request');
    const wrongType = await dispatch('roots.add', { libraryId: '1', path: photos });
    assert.equal(!wrongType.ok && wrongType.error.code, 'bad_request');
  });
});
