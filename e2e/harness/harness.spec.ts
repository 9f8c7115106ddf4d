/**
 * The harness itself, end to end on real files: the scripted folder dialog, core events reaching
 * `on` listeners, media by id with byte ranges through the app handler (a real video plays), "Show
 * in folder", and a file deleted behind the app's back answering 404 and turning missing at once.
 */
import { copyFile, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobRecord, PhotoSummary } from '../../src-shared/domain.ts';
import { expect, test } from './fixtures.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

test('harness: dialog, events, ranged media, show in folder, gone file', async ({ app }) => {
  const { page } = app;
  const folder = await mkdtemp(join(tmpdir(), 'keepsake-e2e-photos-'));
  try {
    // Copies, never the corpus itself.
    await copyFile(join(CORPUS, 'exif-samples', 'jpg', 'Canon_40D.jpg'), join(folder, 'canon.jpg'));
    await copyFile(join(CORPUS, 'exif-samples', 'jpg', 'Nikon_D70.jpg'), join(folder, 'nikon.jpg'));
    await copyFile(join(CORPUS, 'video', 'clip-vp9.webm'), join(folder, 'clip.webm'));
    await app.goto();

    // The folder dialog answers what the spec scripted, once.
    await app.setNextPickedFolder(folder);
    expect(await app.invoke('dialog.pickFolder', {})).toEqual({ ok: true, value: { path: folder } });
    expect(await app.invoke('dialog.pickFolder', {})).toEqual({ ok: true, value: { path: null } });
    // So does the file dialog, apart from the folder one.
    await app.setNextPickedFile(join(folder, 'canon.jpg'));
    expect(await app.invoke('dialog.pickFolder', {})).toEqual({ ok: true, value: { path: null } });
    expect(await app.invoke('dialog.pickFile', { near: folder })).toEqual({ ok: true, value: { path: join(folder, 'canon.jpg') } });
    expect(await app.invoke('dialog.pickFile', {})).toEqual({ ok: true, value: { path: null } });

    // Events reach `on` listeners in the page; an unsubscribed listener hears nothing.
    await page.evaluate(() => {
      const w = window as unknown as { finished: unknown[]; silenced: unknown[] };
      w.finished = [];
      w.silenced = [];
      window.keepsake.on('job.finished', (job) => w.finished.push(job));
      window.keepsake.on('job.finished', (job) => w.silenced.push(job))();
    });
    const library = await app.invoke('libraries.add', { name: 'Harness', folders: [folder] });
    if (!library.ok) throw new Error(library.error.message);
    const started = await app.invoke('jobs.start', { type: 'scan_photos', libraryId: library.value.id });
    if (!started.ok) throw new Error(started.error.message);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { finished: JobRecord[] }).finished.map((job) => [job.id, job.status])))
      .toContainEqual([started.value.jobId, 'succeeded']);
    expect(await page.evaluate(() => (window as unknown as { silenced: unknown[] }).silenced)).toEqual([]);

    const listed = await app.invoke('photos.list', { libraryId: library.value.id });
    if (!listed.ok) throw new Error(listed.error.message);
    const byName = (name: string): PhotoSummary => {
      const photo = listed.value.items.find((item) => item.mainPath?.endsWith(name));
      if (!photo?.mainFileHash) throw new Error(`${name} was not scanned: ${JSON.stringify(listed.value.items)}`);
      return photo;
    };
    const video = byName('clip.webm');
    const canon = byName('canon.jpg');

    // Byte ranges through the harness's server and the app handler: exactly the file's bytes.
    const original = await readFile(join(folder, 'clip.webm'));
    const ranged = await page.evaluate(async (hash) => {
      const response = await fetch(`/media/file/${hash}`, { headers: { Range: 'bytes=1000-1099' } });
      return { status: response.status, range: response.headers.get('content-range'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
    }, video.mainFileHash!);
    expect(ranged.status).toBe(206);
    expect(ranged.range).toBe(`bytes 1000-1099/${original.length}`);
    expect(Buffer.from(ranged.bytes).equals(original.subarray(1000, 1100))).toBe(true);

    // A real video plays from the custom scheme's path.
    const duration = await page.evaluate(
      (hash) =>
        new Promise<number>((resolve, reject) => {
          const element = document.createElement('video');
          element.muted = true;
          element.onloadedmetadata = () => resolve(element.duration);
          element.onerror = () => reject(new Error(`video error ${element.error?.code}`));
          element.src = `/media/file/${hash}`;
        }),
      video.mainFileHash!,
    );
    expect(duration).toBeGreaterThan(2);

    // Thumbnails by photo id.
    expect(canon.hasThumbnail).toBe(true);
    const thumb = await page.evaluate((hash) => fetch(`/media/thumbnail/${hash}`).then((r) => [r.status, r.headers.get('content-type')]), canon.imageHash);
    expect(thumb).toEqual([200, 'image/webp']);

    // "Show in folder" shows the path the database knows.
    expect(await app.invoke('photos.showInFolder', { fileHash: canon.mainFileHash! })).toEqual({ ok: true, value: { shown: true } });
    expect(await app.shownInFolder()).toEqual([join(folder, 'canon.jpg')]);

    // Deleted behind the app's back: 404 at once, and the photo turns missing without any scan.
    await unlink(join(folder, 'canon.jpg'));
    expect(await page.evaluate((hash) => fetch(`/media/file/${hash}`).then((r) => r.status), canon.mainFileHash!)).toBe(404);
    await expect
      .poll(async () => {
        const photo = await app.invoke('photos.get', { imageHash: canon.imageHash });
        return photo.ok ? photo.value.availability : photo.error.message;
      })
      .toBe('missing');
    await app.screenshot('harness-library-after-scan');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
