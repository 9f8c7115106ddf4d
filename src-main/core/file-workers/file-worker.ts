/**
 * A file worker thread, answering numbered requests from the pool (file-workers.ts): hashes files (sync reads into
 * one reused 1 MiB buffer) and tells whether they start like an image, reads and stats folders for
 * the scan's walk, makes thumbnails with sharp and reads capture dates and sidecars with exifr.
 */
import { parentPort } from 'node:worker_threads';
import type { FileType } from '../../../src-shared/domain.ts';
import { listFolder } from '../files/list-folder.ts';
import { hasImageSignature, SIGNATURE_BYTES } from '../thumbnails/image-signature.ts';
import { HASH_CHUNK_BYTES, md5FileSync } from '../hashing/hash-file.ts';
import type { Description, WorkerRequest, WorkerResponse, WorkerValues } from './file-worker-messages.ts';

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
const signature = Buffer.alloc(SIGNATURE_BYTES);

/**
 * sharp and exifr, loaded at the first request that needs them: loading them takes longer than
 * hashing a hundred megabytes, and a scan's first requests are all hashes.
 */
let decodersLoading: Promise<typeof import('./worker-decoders.ts')> | null = null;
const decoders = () => (decodersLoading ??= import('./worker-decoders.ts'));

async function describe(source: string, dest: string, type: FileType): Promise<Description> {
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
    case 'listFolder': return listFolder(request.folder, request.maxFiles);
    case 'identify': {
      const md5 = md5FileSync(request.path, buffer, signature);
      return { md5, imageSignature: hasImageSignature(signature) };
    }
    case 'sidecar': return (await decoders()).readXmpSidecar(request.path);
    case 'describe': return describe(request.source, request.dest, request.type);
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
