import { isUtf8 } from 'node:buffer';
import type { Statement } from 'better-sqlite3';
import type { Page } from '../../../src-shared/contract.ts';
import type { ScanProblem } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { SIDECAR_PROBLEMS_SQL } from '../sidecars/sidecar-problems.ts';

/**
 * The one module that owns `scan_problems`: every file a scan saw and could not import, with its
 * path and its reason in words. Decoding failures are not stored here: an undecodable file is
 * imported (tracked without a thumbnail) and keeps its "cannot decode: …" on its own `files` row;
 * the list the user sees (listScanProblems) shows both.
 */

/** The reasons, in the words the user reads. */
export const REASONS = {
  permissionDenied: 'permission denied',
  notUtf8: 'name is not valid UTF-8',
  tooLong: 'path longer than the system allows',
  notRegular: 'not a regular file',
} as const;

/** Whether these bytes are valid UTF-8 (so a JS string path holds them exactly). Native: the walk asks it of every name. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/**
 * A readable form of a name or path whose bytes may not be UTF-8: valid sequences as they are,
 * each byte that is not part of one as `\xNN` (`caf\xe9.jpg` for Latin-1 `café.jpg`). Escapes rather
 * than U+FFFD: two different names (café and cafè) stay two different paths, the bytes can be read
 * back from the text, and the row's key stays unique.
 */
export function readableName(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) {
      out += `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      out += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return out;
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && (b[i + k] as number) >= lo && (b[i + k] as number) <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** The reason, in words, why a path the scan saw could not be read. */
export function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException | null;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return REASONS.permissionDenied;
    case 'ENAMETOOLONG':
      return REASONS.tooLong;
    default:
      return `cannot read: ${(e?.message ?? String(error)).split('\n')[0]}`;
  }
}

/** One file (or folder) a scan saw and could not import. */
export interface ProblemSeen {
  readonly rootId: number | null;
  /** Readable form (see readableName). */
  readonly path: string;
  /** The exact bytes, when the readable form is not the path itself. */
  readonly rawPath?: Uint8Array | undefined;
  readonly reason: string;
}

/**
 * What one scan job records: each problem replaces the one stored for its path; at the end of a
 * scan that walked its roots to the end (`finish`), the problems of those roots that this scan did
 * not see again are gone, and removed.
 */
export class ScanProblems {
  readonly #db: Db;
  readonly #libraryId: number;
  readonly #jobId: string;
  readonly #now: () => Date;
  readonly #upsert: Statement;
  /** Problems recorded by this scan (a path recorded twice counts once). */
  readonly #paths = new Set<string>();

  constructor(db: Db, libraryId: number, jobId: string, now: () => Date) {
    this.#db = db;
    this.#libraryId = libraryId;
    this.#jobId = jobId;
    this.#now = now;
    this.#upsert = db.prepare(`INSERT OR REPLACE INTO scan_problems (library_id, root_id, path, raw_path, reason, seen_at, job_id)
      VALUES (@libraryId, @rootId, @path, @rawPath, @reason, @seenAt, @jobId)`);
  }

  /** How many paths this scan could not import. */
  get count(): number {
    return this.#paths.size;
  }

  /** Records (or replaces) the problem of one path. Its own statement: a walk error is written at once, outside any batch. */
  record(problem: ProblemSeen): void {
    this.#paths.add(problem.path);
    this.#upsert.run({
      libraryId: this.#libraryId,
      rootId: problem.rootId,
      path: problem.path,
      rawPath: problem.rawPath === undefined ? null : Buffer.from(problem.rawPath),
      reason: problem.reason,
      seenAt: this.#now().toISOString(),
      jobId: this.#jobId,
    });
  }

  /** The roots were walked to the end: their problems this scan did not see again are gone. */
  finish(rootIds: readonly number[]): void {
    const drop = this.#db.prepare('DELETE FROM scan_problems WHERE library_id = ? AND root_id = ? AND job_id <> ?');
    this.#db.transaction(() => {
      for (const rootId of rootIds) drop.run(this.#libraryId, rootId, this.#jobId);
    })();
  }
}

/** Files of a library that are present and were imported but cannot be decoded. */
const UNDECODABLE = `SELECT path, error AS reason, NULL AS seenAt FROM files WHERE library_id = @libraryId AND error IS NOT NULL AND missing = 0`;
const STORED = `SELECT path, reason, seen_at AS seenAt FROM scan_problems WHERE library_id = @libraryId`;

/** Every file of the library a scan could not import, or imported without being able to decode it, and every sidecar that could not be written, by path. */
export function listScanProblems(db: Db, libraryId: number, offset: number, limit: number): Page<ScanProblem> & { sidecars: number } {
  const sidecars = db.prepare(`SELECT count(*) FROM (${SIDECAR_PROBLEMS_SQL})`).pluck().get({ libraryId }) as number;
  const total = countScanProblems(db, libraryId) + sidecars;
  const items = db.prepare(`${STORED} UNION ALL ${UNDECODABLE} UNION ALL ${SIDECAR_PROBLEMS_SQL} ORDER BY path LIMIT @limit OFFSET @offset`).all({ libraryId, limit, offset }) as ScanProblem[];
  return { total, offset, items, sidecars };
}

/** How many files the scans could not import or decode (a scan's own count: the sidecar problems are not the scan's). */
export function countScanProblems(db: Db, libraryId: number): number {
  return db.prepare(`SELECT (SELECT count(*) FROM (${STORED})) + (SELECT count(*) FROM (${UNDECODABLE}))`).pluck().get({ libraryId }) as number;
}
