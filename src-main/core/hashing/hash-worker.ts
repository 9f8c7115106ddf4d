/**
 * A hashing worker thread: hashes files (sync reads into one reused 1 MiB buffer), makes thumbnails
 * with sharp and reads capture dates with exifr, answering numbered requests from the pool.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FileType } from '../../../src-shared/domain.ts';
import { listFolder } from '../scan/list-folder.ts';
import { hasImageSignature, NOT_AN_IMAGE, SIGNATURE_BYTES } from '../thumbnails/image-signature.ts';
import { HASH_CHUNK_BYTES, md5FileSync } from './hash-file.ts';
import type { Description, WorkerRequest, WorkerResponse, WorkerValues } from './hash-messages.ts';

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
const signature = Buffer.alloc(SIGNATURE_BYTES);

/**
 * sharp and exifr, loaded at the first request that needs them: loading them takes longer than
 * hashing a hundred megabytes, and a scan's first requests are all hashes.
 */
let decodersLoading: Promise<typeof import('./worker-decoders.ts')> | null = null;
const decoders = () => (decodersLoading ??= import('./worker-decoders.ts'));

/** The first bytes of a file, read synchronously into this worker's own buffer (copied out). */
function readSignature(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    return Buffer.from(signature.subarray(0, readSync(fd, signature, 0, SIGNATURE_BYTES, 0)));
  } finally {
    closeSync(fd);
  }
}

async function describe(source: string, dest: string, type: FileType): Promise<Description> {
  if (type === 'IMAGE' && !hasImageSignature(readSignature(source))) {
    return NOT_AN_IMAGE;
  }
  const { makeThumbnail, readCaptureDate, UndecodableError } = await decoders();
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
    case 'listFolder': return listFolder(request.folder, request.maxFiles);
    case 'identify': {
      const md5 = md5FileSync(request.path, buffer, signature);
      return { md5, imageSignature: hasImageSignature(signature) };
    }
    case 'captureDate': return (await decoders()).readCaptureDate(request.path);
    case 'sidecar': return (await decoders()).readXmpSidecar(request.path);
    case 'describe': return describe(request.source, request.dest, request.type);
    case 'thumbnail': {
      const { makeThumbnail, UndecodableError } = await decoders();
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
