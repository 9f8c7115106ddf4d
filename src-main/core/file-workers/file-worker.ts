/**
 * A file worker thread, answering numbered requests from the pool (file-workers.ts): hashes files (eight at a
 * time in MD5 lanes, hashing/md5-lanes.ts) and tells whether they start like an image, reads and stats folders for
 * the scan's walk, makes thumbnails and previews (sharp, libheif, an ffmpeg process for videos) and
 * reads capture dates and sidecars with exifr.
 */
import { parentPort, receiveMessageOnPort, threadId } from 'node:worker_threads';
import { listFolder } from '../files/list-folder.ts';
import { writeSidecarFilesSync } from '../sidecars/write-sidecar-file.ts';
import { hasImageSignature, SIGNATURE_BYTES } from '../thumbnails/image-signature.ts';
import { HASH_CHUNK_BYTES, md5FileSync } from '../hashing/hash-file.ts';
import { Md5Lanes } from '../hashing/md5-lanes.ts';
import { THUMBNAIL_VERSION } from '../thumbnails/thumbnail-size.ts';
import type { Description, WorkerRequest, WorkerResponse, WorkerValues } from './file-worker-messages.ts';
import { packListing } from './listing-transfer.ts';

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
const signature = Buffer.alloc(SIGNATURE_BYTES);

/**
 * sharp and exifr, loaded at the first request that needs them: loading them takes longer than
 * hashing a hundred megabytes, and a scan's first requests are all hashes.
 */
let decodersLoading: Promise<typeof import('./worker-decoders.ts')> | null = null;
const decoders = () => (decodersLoading ??= import('./worker-decoders.ts'));

async function describe(request: Extract<WorkerRequest, { kind: 'describe' }>): Promise<Description> {
  const { source, dest, type, videoTools } = request;
  const { makeThumbnail, makeVideoThumbnail, readCaptureDate, UndecodableError } = await decoders();
  const none = { width: null, height: null, hasThumbnail: false, thumbnailWidth: null, thumbnailHeight: null, durationS: null };
  if (type === 'VIDEO') {
    // No ffmpeg: nothing tried, so the version stays old and the video is tried again once there is one.
    if (videoTools === null) return { ...none, capturedAt: null, thumbnailVersion: 0, error: null };
    const video = await makeVideoThumbnail(source, dest, videoTools);
    const thumbnail = video.thumbnail;
    return {
      capturedAt: video.capturedAt,
      width: thumbnail?.width ?? null,
      height: thumbnail?.height ?? null,
      hasThumbnail: thumbnail !== null,
      thumbnailWidth: thumbnail?.thumbnailWidth ?? null,
      thumbnailHeight: thumbnail?.thumbnailHeight ?? null,
      durationS: video.durationS,
      thumbnailVersion: THUMBNAIL_VERSION,
      error: video.error,
    };
  }
  const capturedAt = await readCaptureDate(source);
  try {
    const info = await makeThumbnail(source, dest, type);
    if (info === null) return { ...none, capturedAt, thumbnailVersion: THUMBNAIL_VERSION, error: null };
    return { ...none, capturedAt, width: info.width, height: info.height, hasThumbnail: true, thumbnailWidth: info.thumbnailWidth, thumbnailHeight: info.thumbnailHeight, thumbnailVersion: THUMBNAIL_VERSION, error: null };
  } catch (error) {
    if (!(error instanceof UndecodableError)) throw error;
    return { ...none, capturedAt, thumbnailVersion: THUMBNAIL_VERSION, error: error.message };
  }
}

/** The requests answered asynchronously (a folder listing is answered at once: see receive). */
async function handle(request: Exclude<WorkerRequest, { kind: 'listFolder' }>): Promise<WorkerValues[keyof WorkerValues]> {
  switch (request.kind) {
    // Where WebAssembly has no SIMD (no lanes): one file at a time, with crypto.
    case 'identify': {
      const md5 = md5FileSync(request.path, buffer, signature);
      return { md5, imageSignature: hasImageSignature(signature) };
    }
    case 'sidecar': return (await decoders()).readXmpSidecar(request.path);
    case 'cameraInfo': return (await decoders()).readCameraInfo(request.path);
    case 'writeSidecars': return writeSidecarFilesSync(request.writes, `w${threadId}`);
    case 'describe': return describe(request);
    case 'preview': return (await decoders()).makePreview(request.source, request.dest, request.type);
  }
}

if (parentPort === null) throw new Error('file-worker must run as a worker thread');
const port = parentPort;

const answer = (id: number, outcome: WorkerValues[keyof WorkerValues] | Error): void => {
  if (!(outcome instanceof Error)) {
    port.postMessage({ id, ok: true, value: outcome } satisfies WorkerResponse);
    return;
  }
  const e = outcome as NodeJS.ErrnoException;
  const response: WorkerResponse = {
    id,
    ok: false,
    error: { name: e?.name ?? 'Error', message: e?.message ?? String(outcome), ...(typeof e?.code === 'string' ? { code: e.code } : {}) },
  };
  port.postMessage(response);
};
const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Null where WebAssembly has no SIMD: each file is then hashed alone, with crypto (handle). */
const lanes = Md5Lanes.create({ chunkBytes: HASH_CHUNK_BYTES, headBytes: SIGNATURE_BYTES });
/** Hash requests received and waiting for a lane. */
const waiting: Extract<WorkerRequest, { kind: 'identify' }>[] = [];
let hashing = false;
/**
 * How long the lanes hash before the event loop runs (thumbnails' and sidecars' answers, which are
 * asynchronous, go out then): a few chunks per lane.
 */
const HASH_SLICE_MS = 25;

function receive(request: WorkerRequest): void {
  if (request.kind === 'identify' && lanes !== null) {
    waiting.push(request);
    if (!hashing) {
      hashing = true;
      setImmediate(hashSome);
    }
    return;
  }
  // Answered at once, even in the middle of hashing: the walk waits for its folders.
  if (request.kind === 'listFolder') {
    let listing: WorkerValues['listFolder'] | Error;
    try {
      listing = packListing(listFolder(request.folder, request.maxFiles));
    } catch (error) {
      listing = asError(error);
    }
    answer(request.id, listing);
    return;
  }
  handle(request).then((value) => answer(request.id, value), (error: unknown) => answer(request.id, asError(error)));
}

/**
 * Keeps the lanes full: takes the requests the pool has already sent (it sends several ahead, see
 * IN_FLIGHT_PER_WORKER) without waiting for the event loop, starts a file in each free lane and
 * hashes, for up to HASH_SLICE_MS at a time, until no file is left.
 */
function hashSome(): void {
  const hashingLanes = lanes as Md5Lanes;
  const until = performance.now() + HASH_SLICE_MS;
  for (;;) {
    while (hashingLanes.free > waiting.length) {
      const next = receiveMessageOnPort(port);
      if (next === undefined) break;
      receive(next.message as WorkerRequest);
    }
    while (hashingLanes.free > 0 && waiting.length > 0) {
      const request = waiting.shift() as (typeof waiting)[number];
      hashingLanes.start(request.path, (outcome) =>
        answer(request.id, outcome instanceof Error ? outcome : { md5: outcome.md5, imageSignature: hasImageSignature(outcome.head) }));
    }
    if (hashingLanes.active === 0) {
      hashing = false;
      return;
    }
    hashingLanes.step();
    if (performance.now() > until) {
      setImmediate(hashSome);
      return;
    }
  }
}

port.on('message', receive);
