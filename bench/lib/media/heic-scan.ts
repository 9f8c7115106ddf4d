import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchRow } from '../types.ts';
import { HEIC_SAMPLES, largestHeicSample, writeHeicCopies } from './heic-copies.ts';
import { runJsonChild } from './json-child.ts';
import { censusProblems, thumbnailCensus } from './library-check.ts';

const SCAN_CHILD = fileURLToPath(new URL('../../scan-memory-child.ts', import.meta.url));
const DECODE_CHILD = fileURLToPath(new URL('./heic-decode-child.ts', import.meta.url));

/** The issue's bound on a HEIC scan's peak resident memory, in MB (10^6 bytes). */
const PEAK_BOUND_MB = 500;

interface ScanChildReport {
  readonly baselineMiB: number | null;
  readonly peakMiB: number | null;
  readonly maxRssMiB: number;
  readonly seconds: number;
  readonly result: unknown;
}

interface Decode {
  readonly path: string;
  readonly ms: number;
  readonly width: number;
  readonly height: number;
}

interface DecodeChildReport {
  readonly beforeMiB: number | null;
  readonly loadedMiB: number | null;
  readonly loadMs: number;
  readonly largest: Decode;
  readonly peakAfterLargestMiB: number | null;
  /** Every sample once more, after the first decode. */
  readonly warm: readonly Decode[];
  readonly peakMiB: number | null;
  readonly maxRssMiB: number;
}

const mb = (mib: number): number => (mib * 1024 * 1024) / 1e6;

/**
 * "HEIC: photos/s and peak memory of a scan of 100 HEIC files": a first scan of `count` copies of the
 * corpus' real HEIC/HEIF samples (each made unique) in a child process of its own
 * (bench/scan-memory-child.ts: VmHWM, worker threads included), checked to give `count` distinct
 * photos with thumbnails. Beside it: that child's memory right after opening the core, and the
 * decoder alone in a fresh process — its first decode, of the largest sample (time, peak memory),
 * then one more of each sample, one at a time as the heavy lane decodes (the limit's pace).
 */
export async function heicScan(context: BenchContext, count: number): Promise<BenchRow[]> {
  const { options } = context;
  const root = join(context.dir, 'heic', 'root');
  const dataDir = join(context.dir, 'heic', 'data');
  const set = writeHeicCopies(root, count);
  const largest = largestHeicSample();
  context.log(`heic: one heic-decode of ${basename(largest)} in a fresh process, then each other sample once`);
  const decoder = await runJsonChild<DecodeChildReport>(DECODE_CHILD, [largest, ...HEIC_SAMPLES.filter((path) => path !== largest)]);
  context.log(`heic: scanning ${count} HEIC/HEIF files (${(set.bytes / 1e6).toFixed(0)} MB) in a child process (one decode at a time: ~1 s each)`);
  const scan = await runJsonChild<ScanChildReport>(SCAN_CHILD, [root, dataDir, String(options.cores)]);
  const census = thumbnailCensus(dataDir);
  const problems = censusProblems(census, count, false);

  const photosPerSecond = census.withThumbnail / scan.seconds;
  const decodes = decoder.warm;
  const decodeSeconds = decodes.reduce((sum, decode) => sum + decode.ms, 0) / 1000;
  // The copies cycle through the samples, so one decode of each is the same mix.
  const decoderPhotosPerSecond = decodes.length / decodeSeconds;
  const peak = scan.peakMiB ?? scan.maxRssMiB;
  const decodeNote = `heic-decode alone, fresh process: its first decode, ${basename(largest)} (${decoder.largest.width}x${decoder.largest.height}, the largest sample; wasm start-up included), ${decoder.largest.ms.toFixed(0)} ms, peak ${decoder.peakAfterLargestMiB?.toFixed(0) ?? '?'} MiB (Node + heic-decode loaded: ${decoder.loadedMiB?.toFixed(0) ?? '?'} MiB)`;
  const sampleNote = `then one decode of each sample (the limit: photos / their sum): ${decodes.map((decode) => `${basename(decode.path)} ${decode.ms.toFixed(0)} ms`).join(', ')}`;
  const filesNote = `${count} files (${(set.bytes / count / 1e6).toFixed(2)} MB each on average): the ${HEIC_SAMPLES.length} corpus samples in turn, each copy made unique by a trailing ISOBMFF free box; ${census.photos} photos, ${census.withThumbnail} with a thumbnail (${census.sizes.join(', ')})`;
  const details = { scan, decoder, census, files: count, bytes: set.bytes };
  return [
    {
      suite: 'media',
      id: 'heic_scan_throughput',
      metric: `first scan, ${count} HEIC/HEIF files (libheif wasm, one decode at a time)`,
      measured: { value: photosPerSecond, unit: 'photos/s' },
      limit: { value: decoderPhotosPerSecond, unit: 'photos/s', what: 'heic-decode alone, one at a time, fresh process' },
      bar: 'report',
      pass: problems.length > 0 ? false : null,
      notes: [`scan ${scan.seconds.toFixed(1)} s in a child process with ${options.cores} file workers`, filesNote, decodeNote, sampleNote, ...problems],
      details,
    },
    {
      suite: 'media',
      id: 'heic_scan_peak_memory',
      metric: `peak memory, first scan of ${count} HEIC/HEIF files`,
      measured: { value: peak, unit: 'MiB' },
      limit: scan.baselineMiB === null ? null : { value: scan.baselineMiB, unit: 'MiB', what: 'same process after opening the core' },
      bar: `<= ${PEAK_BOUND_MB} MB`,
      checked: { value: mb(peak), unit: 'MB' },
      pass: mb(peak) <= PEAK_BOUND_MB && problems.length === 0,
      notes: [`VmHWM of the child, worker threads included; maxRSS ${scan.maxRssMiB.toFixed(0)} MiB`, decodeNote, ...problems],
      details,
    },
  ];
}
