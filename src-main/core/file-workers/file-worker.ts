/**
 * A file worker thread, answering numbered requests from the pool (file-workers.ts): hashes files (sync reads into
 * one reused 1 MiB buffer) and tells whether they start like an image, reads and stats folders for
 * the scan's walk, makes thumbnails and previews (sharp, libheif, an ffmpeg process for videos) and
 * reads capture dates and sidecars with exifr.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { listFolder } from '../files/list-folder.ts';
import { writeSidecarFilesSync } from '../sidecars/write-sidecar-file.ts';
import { hasImageSignature, SIGNATURE_BYTES } from '../thumbnails/image-signature.ts';
import { HASH_CHUNK_BYTES, md5FileSync } from '../hashing/hash-file.ts';
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

async function handle(request: WorkerRequest): Promise<WorkerValues[keyof WorkerValues]> {
  switch (request.kind) {
    case 'listFolder': return packListing(listFolder(request.folder, request.maxFiles));
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

const port = parentPort;
if (port === null) throw new Error('file-worker must run as a worker thread');
port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
    (error: unknown) => {
      const e = error as NodeJS.ErrnoException;
      const response: WorkerResponse = {
        id: request.id,
        ok: false,
        error: { name: e?.name ?? 'Error', message: e?.message ?? String(error), ...(typeof e?.code === 'string' ? { code: e.code } : {}) },
      };
      port.postMessage(response);
    },
  );
});
