/**
 * A hashing worker thread: hashes files (sync reads into one reused 1 MiB buffer), makes thumbnails
 * with sharp and reads capture dates with exifr, answering numbered requests from the pool.
 */
import type { FileType } from '../../../src-shared/domain.ts';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { readCaptureDate } from '../metadata/capture-date.ts';
import { readXmpSidecar } from '../metadata/xmp-sidecar.ts';
import { makeThumbnail, UndecodableError } from '../thumbnails/make-thumbnail.ts';
import { HASH_CHUNK_BYTES, md5FileSync } from './hash-file.ts';
import type { Description, WorkerRequest, WorkerResponse, WorkerValues } from './hash-messages.ts';

// Parallelism comes from one worker per core; libvips threads on top would only fight them.
sharp.concurrency(1);
sharp.cache(false);

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);

async function describe(source: string, dest: string, type: FileType): Promise<Description> {
  const capturedAt = await readCaptureDate(source);
  try {
    const info = await makeThumbnail(source, dest, type);
    if (info === null) return { capturedAt, width: null, height: null, hasThumbnail: false, error: null };
    return { capturedAt, width: info.width, height: info.height, hasThumbnail: true, error: null };
  } catch (error) {
    if (!(error instanceof UndecodableError)) throw error;
    return { capturedAt, width: null, height: null, hasThumbnail: false, error: error.message };
  }
}

async function handle(request: WorkerRequest): Promise<WorkerValues[keyof WorkerValues]> {
  switch (request.kind) {
    case 'hash': return md5FileSync(request.path, buffer);
    case 'captureDate': return readCaptureDate(request.path);
    case 'sidecar': return readXmpSidecar(request.path);
    case 'describe': return describe(request.source, request.dest, request.type);
    case 'thumbnail': {
      const info = await makeThumbnail(request.source, request.dest, request.type);
      if (info === null) throw new UndecodableError(`no thumbnail for a ${request.type} file`);
      return info;
    }
  }
}

const port = parentPort;
if (port === null) throw new Error('hash-worker must run as a worker thread');
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
