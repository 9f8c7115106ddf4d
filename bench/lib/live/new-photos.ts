import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { under } from '../../../src-main/core/live/reconcile-folders.ts';
import { addLibrary, openCore, phaseNote, runTimedJob } from '../core-driver.ts';
import { censusProblems, thumbnailCensus } from '../media/library-check.ts';
import type { BenchRow } from '../types.ts';
import { quiet, until, type LiveCore } from './live-core.ts';
import { liveChangesSince, reconciliationNotes } from './live-history.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'exif-samples', 'jpg');
/** The corpus' photos from cameras and phones (not its broken, synthetic or test-case files). */
const CAMERA_FOLDERS = ['.', 'exif-org', 'gps', 'hdr', 'mobile'];
const NOT_CAMERA = new Set(['corrupted.jpg', 'PaintTool_sample.jpg', 'long_description.jpg']);
const PER_FOLDER = 100;
/** Noise on a shared machine: the live import passes within this of the scan's time. */
const TOLERANCE = 0.1;

/** The staged photos: `root/new-photos/dNN/*.jpg`, outside the watched root. */
export interface StagedPhotos {
  readonly root: string;
  readonly folder: string;
  readonly files: number;
  readonly bytes: number;
  readonly sources: number;
}

/** The corpus' camera JPEGs that decode as Keepsake decodes them (sharp, failing on truncation). */
async function cameraSources(): Promise<{ path: string; bytes: Buffer }[]> {
  const sources: { path: string; bytes: Buffer }[] = [];
  for (const folder of CAMERA_FOLDERS) {
    for (const name of readdirSync(join(CORPUS, folder)).sort()) {
      if (!/\.jpe?g$/i.test(name) || NOT_CAMERA.has(name)) continue;
      const path = join(CORPUS, folder, name);
      const bytes = readFileSync(path);
      const decodes = await sharp(bytes, { failOn: 'truncated' }).resize(32).toBuffer().then(() => true, () => false);
      if (decodes) sources.push({ path, bytes });
    }
  }
  if (sources.length === 0) throw new Error(`no decodable camera JPEG in ${CORPUS}`);
  return sources;
}

/**
 * Writes `count` real photos (the corpus' camera JPEGs in turn), each made unique by bytes after its
 * end-of-image marker (decoders stop there; the file's hash is its own), 100 per folder.
 */
export async function stagePhotos(root: string, count: number): Promise<StagedPhotos> {
  const sources = await cameraSources();
  const folder = join(root, 'new-photos');
  let bytes = 0;
  let target = '';
  for (let i = 0; i < count; i += 1) {
    if (i % PER_FOLDER === 0) mkdirSync((target = join(folder, `d${String(i / PER_FOLDER).padStart(2, '0')}`)), { recursive: true });
    const source = sources[i % sources.length] as { path: string; bytes: Buffer };
    const file = Buffer.concat([source.bytes, Buffer.from(`keepsake-bench-copy-${i}`, 'latin1')]);
    writeFileSync(join(target, `IMG_${String(i).padStart(4, '0')}.JPG`), file);
    bytes += file.length;
  }
  return { root, folder, files: count, bytes, sources: sources.length };
}

/** Scan Photos of the staged photos in a library of their own (new data folder, core and workers), end to end. */
async function freshScan(staged: StagedPhotos, dataDir: string, cores: number): Promise<{ seconds: number; cpuSeconds: number; result: ScanResult; note: string; problems: string[] }> {
  const core = await openCore(dataDir, cores);
  let job;
  let cpu;
  try {
    const libraryId = await addLibrary(core, 'new photos', [staged.root]);
    const before = process.cpuUsage();
    job = await runTimedJob(core, { type: 'scan_photos', libraryId });
    cpu = process.cpuUsage(before);
  } finally {
    await core.close();
  }
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { seconds: job.seconds, cpuSeconds, result: job.record.result as ScanResult, note: phaseNote(job), problems: censusProblems(thumbnailCensus(dataDir), staged.files, false) };
}

/** `cp -r FROM TO` as another program copies (the bench's thread stays free for the core), timed. */
function copyTree(from: string, to: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('cp', ['-r', from, to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`cp -r failed (${code}): ${stderr.trim()}`))));
  });
}

/**
 * Row 2 (issue: "1,000 new photos copied in: imported (with thumbnails) as fast as a Scan Photos of
 * them"). The staged photos are scanned in a fresh library (before and after the live import, the
 * mean kept), and copied with `cp -r` into the watched root; the live import's time runs from the
 * copy's start until every copied file's photo has its thumbnail (photos.has_thumbnail = 1, looked
 * at every 50 ms). It is checked against copy + Scan Photos: what the user waits for without it.
 */
export async function newPhotosRow(live: LiveCore, libraryId: number, rootPath: string, workDir: string, count: number, cores: number): Promise<BenchRow> {
  const { db } = live.core;
  const staged = await stagePhotos(join(workDir, 'staging'), count);
  const scanBefore = await freshScan(staged, join(workDir, 'scan-data-1'), cores);

  const target = join(rootPath, 'new-photos');
  const range = under(target);
  const photosBefore = db.prepare('SELECT count(*) FROM photos WHERE library_id = ?').pluck().get(libraryId) as number;
  const withThumbnail = db.prepare(`SELECT count(DISTINCT f.hash) FROM files f JOIN photo_files pf ON pf.file_hash = f.hash JOIN photos p ON p.image_hash = pf.image_hash
    WHERE f.library_id = ? AND f.path > ? AND f.path < ? AND f.missing = 0 AND p.has_thumbnail = 1`).pluck();
  const workersBefore = { ...live.workers };
  const changesBefore = live.changes.length;
  const startedIso = new Date().toISOString();
  const copyStart = performance.now();
  const copyStartEpoch = Date.now();
  const cpuAtStart = process.cpuUsage();
  let copySeconds = Number.NaN;
  const copied = copyTree(staged.folder, target).then((seconds) => (copySeconds = seconds));
  let thumbnails = 0;
  const done = await until(
    `${count} copied photos with a thumbnail`,
    () => {
      thumbnails = withThumbnail.get(libraryId, range.after, range.before) as number;
      return thumbnails >= count && !Number.isNaN(copySeconds);
    },
    900_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message} (${thumbnails} have one)`);
  });
  await copied;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const seconds = (done - copyStart) / 1000;
  await quiet(live, 1500, 120_000);
  const scanAfter = await freshScan(staged, join(workDir, 'scan-data-2'), cores);

  const scanSeconds = (scanBefore.seconds + scanAfter.seconds) / 2;
  const limit = copySeconds + scanSeconds;
  const ratio = seconds / limit;
  const hashed = live.workers.identify - workersBefore.identify;
  const described = live.workers.describe - workersBefore.describe;
  const told = { added: 0, moved: 0, missing: 0, restored: 0, changed: 0 };
  for (const { change } of live.changes.slice(changesBefore)) told[change.change] += 1;
  const photosAfter = db.prepare('SELECT count(*) FROM photos WHERE library_id = ?').pluck().get(libraryId) as number;
  const history = liveChangesSince(db, libraryId, startedIso);
  const problems = [
    ...(photosAfter - photosBefore !== count ? [`${photosAfter - photosBefore} photos added, of ${count}`] : []),
    ...(told.added !== count ? [`${told.added} added told, of ${count}`] : []),
    ...scanBefore.problems.map((problem) => `the fresh scan: ${problem}`),
  ];
  return {
    suite: 'live',
    id: 'live_new_photos',
    metric: `${count} new photos copied into a watched root: copy start → all with thumbnails`,
    measured: { value: seconds, unit: 's' },
    limit: { value: limit, unit: 's', what: `cp -r (${copySeconds.toFixed(2)} s) + Scan Photos of them in a fresh library (${scanSeconds.toFixed(2)} s)` },
    bar: `<= 1.0x copy + Scan Photos (within ${TOLERANCE * 100}%)`,
    checked: { value: ratio, unit: 'x' },
    pass: ratio <= 1 + TOLERANCE && problems.length === 0,
    notes: [
      `after the copy ended: ${(seconds - copySeconds).toFixed(2)} s, vs the scan's ${scanSeconds.toFixed(2)} s (${((seconds - copySeconds) / scanSeconds).toFixed(2)}x)`,
      `Scan Photos, fresh library, end to end: ${scanBefore.seconds.toFixed(2)} s before, ${scanAfter.seconds.toFixed(2)} s after the live import (mean kept); ${scanBefore.note}`,
      `${staged.files} photos from ${staged.sources} corpus camera JPEGs, ${(staged.bytes / staged.files / 1e3).toFixed(0)} kB each on average, ${staged.files / PER_FOLDER > 1 ? `${Math.ceil(staged.files / PER_FOLDER)} folders` : 'one folder'}`,
      `CPU (this process, every thread): the live import ${cpuSeconds.toFixed(1)} s, the scans ${scanBefore.cpuSeconds.toFixed(1)} s and ${scanAfter.cpuSeconds.toFixed(1)} s (less disturbed by other load than wall time)`,
      `the live import hashed ${hashed} files and described (thumbnail + date) ${described}; told: added ${told.added}, changed ${told.changed}`,
      ...reconciliationNotes(history, copyStartEpoch),
      ...problems,
    ],
    details: { seconds, cpuSeconds, copySeconds, scanSeconds, scans: [scanBefore, scanAfter].map((scan) => ({ seconds: scan.seconds, cpuSeconds: scan.cpuSeconds, result: scan.result })), hashed, described, told, history, problems },
  };
}
