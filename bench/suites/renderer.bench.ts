/**
 * The renderer benchmark (issue 3, "Speed"): the Missing view on a library whose photos (100,000 by
 * default, `--files N`) are all missing. The built renderer runs in Debian's Chromium through the
 * e2e harness's own pieces (the preload's API over one WebSocket, the app origin served by the real
 * app-protocol handler over a loopback HTTP/2 server, the real core behind them), and the page measures:
 * - in-app navigation → first painted page of the Missing view: from the renderer's
 *   `keepsake:view:missing` mark to its `keepsake:missing-first-page` mark (rows rendered), and to
 *   the first frame in which every visible row's thumbnail has loaded (thumbnails painted);
 * - the frame rate while scrolling the list to the end (requestAnimationFrame counting), both as a
 *   fling to the end and at wheel speed;
 * beside the same browser's own limits: an idle page's frame rate, and a trivial DOM change → paint.
 * Then the library grid ("Every photo recognisable": grid first paint with the larger thumbnails):
 * a second library of as many present photos with 533×400 thumbnails (bench/lib/media/library-grid.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { CHROMIUM_ARGS } from '../../e2e/harness/chromium-args.ts';
import { startChromiumApp } from '../../e2e/harness/chromium-app.ts';
import { addLibrary, openCore } from '../lib/core-driver.ts';
import { libraryGridRows, linkThumbnails, seedPresentLibrary } from '../lib/media/library-grid.ts';
import { browseRows, seedBrowseLibrary } from '../lib/browse-grid.ts';
import { scrollFrames, type ScrollFigures } from '../lib/scroll-frames.ts';
import { median } from '../lib/timing.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/types.ts';

const RENDERER_DIR = join(import.meta.dirname, '..', '..', 'build', 'renderer');
const CORPUS_JPEG = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'exif-samples', 'jpg', 'Canon_40D.jpg');
const CHROMIUM = process.env['KEEPSAKE_CHROMIUM'] ?? '/usr/bin/chromium';
const NAVIGATIONS = 5;
/** The Missing view's list counts as shown once its rows in view are rendered. */
const MISSING_ROWS = { selector: '[data-testid="missing-row"]' } as const;

/**
 * Writes what a seed left in the page cache to disk before the rows that use it run: a user's library
 * was not written seconds ago, and the kernel flushing a 100,000-photo seed in the middle of a row
 * stalls the core's own commits (measured: a 590 ms frame while scrolling, rating 10,000 photos
 * 945 ms against 490–685 ms).
 */
function flushSeeded(): void {
  execFileSync('sync', { stdio: 'ignore' });
}

/**
 * Seeds a real core data folder: one library with one (existing, online) root and `count` photos,
 * all missing, synthesised in SQL (the counter triggers fire as for real rows), each with a
 * thumbnail — hard links to one small real WebP, so thumbnails paint without 100,000 encodes.
 */
async function seedMissingLibrary(dataDir: string, root: string, count: number, log: (m: string) => void): Promise<void> {
  mkdirSync(root, { recursive: true });
  const core = await openCore(dataDir, 1);
  try {
    const libraryId = await addLibrary(core, 'Missing bench', [root]);
    const rootId = core.db.prepare('SELECT id FROM roots WHERE library_id = ?').pluck().get(libraryId) as number;
    const now = new Date().toISOString();
    log(`seeding ${count.toLocaleString()} missing photos in SQL`);
    core.db.transaction(() => {
      core.db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @last)
           INSERT INTO files (hash, library_id, root_id, path, type, missing, size, mtime_ms, dev, ino, missing_since)
           SELECT printf('%032x', i) || CAST(@lib AS INTEGER), @lib, @root, @base || printf('/%03d/IMG_%07d.jpg', i / 1000, i),
                  CASE WHEN i % 50 = 0 THEN 'VIDEO' ELSE 'IMAGE' END, 1, 1000 + i % 4000, 1700000000000 + i, 1, i + 1, @now
           FROM n`,
        )
        .run({ last: count - 1, lib: libraryId, root: rootId, base: root, now });
      core.db
        .prepare(
          `INSERT INTO photos (image_hash, library_id, main_file, availability, missing_since, in_trashcan, added_at, captured_at, has_thumbnail)
           SELECT hash, library_id, hash, 'missing', missing_since, 0, @now,
                  strftime('%Y-%m-%dT%H:%M:%SZ', 1600000000 + CAST(ino AS INTEGER) * 60, 'unixepoch'), 1
           FROM files WHERE library_id = @lib`,
        )
        .run({ lib: libraryId, now });
      core.db.prepare('INSERT INTO photo_files (image_hash, file_hash) SELECT hash, hash FROM files WHERE library_id = ?').run(libraryId);
    })();
    const webp = await sharp(CORPUS_JPEG).resize(256, 256, { fit: 'cover' }).webp({ quality: 70 }).toBuffer();
    const hashes = core.db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().all(libraryId) as string[];
    linkThumbnails(dataDir, hashes, webp);
    log(`seeded; one ${webp.length}-byte WebP thumbnail hard-linked ${hashes.length.toLocaleString()} times`);
  } finally {
    await core.close();
  }
}

interface NavigationTiming {
  readonly rowsMs: number;
  readonly thumbnailsMs: number;
  readonly rows: number;
}

/**
 * One in-app navigation to the Missing view, measured inside the page: the click sets the
 * renderer's `keepsake:view:missing` mark; the renderer marks `keepsake:missing-first-page` when its
 * first page of rows is painted; we watch each frame until every visible row's thumbnail has loaded.
 */
async function navigateToMissing(page: Page): Promise<NavigationTiming> {
  return page.evaluate(async () => {
    const marks = () => performance.getEntriesByName('keepsake:missing-first-page').length;
    const before = marks();
    const nav = document.querySelector<HTMLElement>('[data-testid="nav-missing"]');
    if (!nav) throw new Error('no Missing navbar entry');
    nav.click();
    const start = performance.getEntriesByName('keepsake:view:missing').at(-1)?.startTime ?? 0;
    const deadline = performance.now() + 30_000;
    let state = 'no first-page mark';
    for (;;) {
      await new Promise(requestAnimationFrame);
      if (performance.now() > deadline) throw new Error(`the Missing view did not paint its first page of thumbnails in 30 s (${state})`);
      if (marks() <= before) continue;
      const list = document.querySelector<HTMLElement>('[data-testid="missing-list"]');
      state = 'no list';
      if (!list) continue;
      const box = list.getBoundingClientRect();
      const visible = [...list.querySelectorAll<HTMLElement>('[data-testid="missing-row"]')].filter((row) => {
        const r = row.getBoundingClientRect();
        return r.bottom > box.top && r.top < box.bottom;
      });
      const images = visible.map((row) => row.querySelector<HTMLImageElement>('img'));
      state = `${visible.length} rows visible, ${images.filter((img) => img?.complete && img.naturalWidth > 0).length} thumbnails loaded, ${images.filter((img) => !img).length} without an img`;
      if (visible.length === 0 || images.some((img) => !img || !img.complete || img.naturalWidth === 0)) continue;
      // This frame shows them: the next animation frame comes after it was painted.
      await new Promise(requestAnimationFrame);
      const rowsAt = performance.getEntriesByName('keepsake:missing-first-page').at(-1)?.startTime ?? Number.NaN;
      return { rowsMs: rowsAt - start, thumbnailsMs: performance.now() - start, rows: visible.length };
    }
  });
}

/** The browser's own limits on this machine: an idle page's frame rate, and DOM change → painted frame. */
async function browserLimits(page: Page): Promise<{ idleFps: number; paintMs: number }> {
  return page.evaluate(async () => {
    const frames = 120;
    await new Promise(requestAnimationFrame);
    const start = performance.now();
    for (let i = 0; i < frames; i += 1) await new Promise(requestAnimationFrame);
    const idleFps = frames / ((performance.now() - start) / 1000);
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      await new Promise(requestAnimationFrame);
      const t = performance.now();
      const div = document.createElement('div');
      div.textContent = `frame ${i}`;
      document.body.appendChild(div);
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      times.push(performance.now() - t);
      div.remove();
    }
    times.sort((a, b) => a - b);
    return { idleFps, paintMs: times[3] ?? 0 };
  });
}

const suite: BenchSuite = {
  name: 'renderer',
  description: 'Missing view at 100,000 missing photos: navigation → first painted page, scroll frame rate; library grid at 100,000 photos with 533x400 thumbnails: first painted page',
  async run({ options, dir, log }: BenchContext): Promise<BenchRow[]> {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('build/renderer is missing: run `npm run build:renderer` first');
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set KEEPSAKE_CHROMIUM)`);
    const count = options.files;
    const dataDir = join(dir, 'data');
    await seedMissingLibrary(dataDir, join(dir, 'root'), count, log);
    flushSeeded();

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
    });
    // Each part in a page of its own, and one that breaks is a failed row: the other still runs.
    const failed = (part: string) => (error: unknown): BenchRow[] => {
      log(`${part} failed: ${(error as Error).stack ?? String(error)}`);
      return [{ suite: 'renderer', id: `error_${part.replace(/\W+/g, '_')}`, metric: `${part}: could not run`, measured: null, limit: null, bar: '-', pass: false, notes: [(error as Error).message] }];
    };
    try {
      const missingRows = await missingViewRows(browser, dataDir, count, log).catch(failed('missing view'));
      // Seeded after the Missing rows ran, so they run on the machine as they did before the grid row.
      const gridRows = await seedPresentLibrary(join(dir, 'grid-data'), join(dir, 'grid-root'), count, log)
        .then((thumbnail) => {
          flushSeeded();
          return libraryGridRows({
            browser,
            dataDir: join(dir, 'grid-data'),
            rendererDir: RENDERER_DIR,
            count,
            thumbnail,
            paintLimit: async (page) => ({ value: (await browserLimits(page)).paintMs, unit: 'ms', what: 'same browser: trivial DOM change → painted frame' }),
            log,
          });
        })
        .catch(failed('library grid'));
      // Browsing (issue 13): the grouped Library, the Folders view, search, select + rate, grouped scrolling (bench/lib/browse-grid.ts).
      const browseRoot = join(dir, 'browse-root');
      const browseRowsFound = await seedBrowseLibrary(join(dir, 'browse-data'), browseRoot, count, log)
        .then(() => {
          flushSeeded();
          return browseRows({
            browser,
            dataDir: join(dir, 'browse-data'),
            root: browseRoot,
            rendererDir: RENDERER_DIR,
            count,
            paintLimit: async (page) => ({ value: (await browserLimits(page)).paintMs, unit: 'ms', what: 'same browser: trivial DOM change → painted frame' }),
            fpsLimit: async (page) => ({ value: (await browserLimits(page)).idleFps, unit: 'fps', what: 'same browser: idle page frame rate' }),
            log,
          });
        })
        .catch(failed('browse'));
      return [...missingRows, ...gridRows, ...browseRowsFound];
    } finally {
      await browser.close();
    }
  },
};

/** The Missing view's rows (first paint, scroll frame rates), in a page of their own. */
async function missingViewRows(browser: Browser, dataDir: string, count: number, log: (message: string) => void): Promise<BenchRow[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const { app, stop } = await startChromiumApp({ page, dataDir, rendererDir: RENDERER_DIR });
  try {
    await app.goto();
    // The app opens on the library grid (100,000 tiles, all missing); wait until it is there.
    await page.getByTestId('photo-tile').first().waitFor({ timeout: 60_000 });
    const limits = await browserLimits(page);
    log(`browser limits: idle ${limits.idleFps.toFixed(1)} fps, DOM change → paint ${limits.paintMs.toFixed(1)} ms`);

    const navigations: NavigationTiming[] = [];
    for (let i = 0; i < NAVIGATIONS; i += 1) {
      navigations.push(await navigateToMissing(page));
      const total = await page.getByTestId('missing-list').getAttribute('data-total');
      if (total !== String(count)) throw new Error(`the Missing view lists ${total} photos, expected ${count}`);
      await page.getByTestId('nav-library').click();
      await page.getByTestId('photo-tile').first().waitFor();
    }
    log(`navigations: ${navigations.map((n) => `${n.rowsMs.toFixed(0)}/${n.thumbnailsMs.toFixed(0)} ms`).join(', ')} (rows/thumbnails)`);
    await navigateToMissing(page);
    const fling = await scrollFrames(page, 'missing-list', 'end', 600, MISSING_ROWS, 300_000);
    const wheel = await scrollFrames(page, 'missing-list', 'wheel', 300, MISSING_ROWS, 300_000);
    log(`scroll to the end: ${fling.fps.toFixed(1)} fps; wheel speed: ${wheel.fps.toFixed(1)} fps`);

    const cold = navigations[0]!;
    const thumbs = median(navigations.map((n) => n.thumbnailsMs));
    const rows = median(navigations.map((n) => n.rowsMs));
    const paintLimit = { value: limits.paintMs, unit: 'ms', what: 'same browser: trivial DOM change → painted frame' };
    const fpsLimit = { value: limits.idleFps, unit: 'fps', what: 'same browser: idle page frame rate' };
    const scrollNotes = (s: ScrollFigures, toEnd: boolean) => [
      `${s.frames} frames in ${s.seconds.toFixed(1)} s; frame time p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(0)} ms at frame ${s.maxAt}` +
        (toEnd ? (s.reachedEnd ? '; reached the end' : '; did NOT reach the end') : ''),
      `rows in view shown ${Number.isNaN(s.settleMs) ? 'not within 300 s' : `${(s.settleMs / 1000).toFixed(2)} s`} after the last frame (their page queued behind the pages requested on the way)`,
    ];
    return [
      {
        suite: 'renderer',
        id: 'missing_view_first_paint',
        metric: `Missing view, navigation → first painted page of thumbnails, ${count.toLocaleString()} missing photos (median of ${NAVIGATIONS})`,
        measured: { value: thumbs, unit: 'ms' },
        limit: paintLimit,
        bar: '<= 300 ms',
        pass: thumbs <= 300 && cold.thumbnailsMs <= 300,
        notes: [
          `first (cold) navigation: ${cold.thumbnailsMs.toFixed(0)} ms to thumbnails, ${cold.rowsMs.toFixed(0)} ms to the renderer's first-page mark`,
          `rows painted (renderer mark keepsake:missing-first-page): median ${rows.toFixed(0)} ms; ${cold.rows} rows visible`,
        ],
        details: { navigations, count },
      },
      {
        suite: 'renderer',
        id: 'missing_view_scroll_to_end_fps',
        metric: `Missing view, frame rate scrolling to the end (${count.toLocaleString()} rows in 600 frames)`,
        measured: { value: fling.fps, unit: 'fps' },
        limit: fpsLimit,
        bar: 'smooth (report)',
        pass: null,
        notes: scrollNotes(fling, true),
        details: { ...fling },
      },
      {
        suite: 'renderer',
        id: 'missing_view_scroll_wheel_fps',
        metric: 'Missing view, frame rate scrolling at wheel speed (120 px per frame, 300 frames)',
        measured: { value: wheel.fps, unit: 'fps' },
        limit: fpsLimit,
        bar: 'smooth (report)',
        pass: null,
        notes: scrollNotes(wheel, false),
        details: { ...wheel },
      },
    ];
  } finally {
    // Thumbnail requests of the last rows scrolled to may still be in flight: let them go quietly
    // (a route callback failing after the browser closed would crash the whole bench run).
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await stop();
    await page.close();
  }
}

export default suite;
