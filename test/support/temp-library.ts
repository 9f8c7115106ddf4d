/**
 * Shared test helpers: a temporary library (data folder + SQLite database + one root folder filled
 * with real files copied from the shared corpus) and job contexts to run jobs against it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src-main/core/db/open-database.ts';
import { openDatabase } from '../../src-main/core/db/open-database.ts';
import type { JobContext } from '../../src-main/core/jobs/job-context.ts';

/** The shared corpus of real photos (never modified: tests copy from it). */
export const CORPUS_DIR = process.env.KEEPSAKE_CORPUS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

/** A corpus file by its path relative to the corpus folder. */
export const corpusFile = (relative: string): string => join(CORPUS_DIR, relative);

export interface TempLibrary {
  /** The temporary folder holding everything below. */
  readonly dir: string;
  /** Keepsake's data folder (database + thumbnails). */
  readonly dataDir: string;
  /** The library's first root folder, filled with the copied files. */
  readonly rootDir: string;
  readonly db: Db;
  readonly libraryId: number;
  readonly rootId: number;
  /** Adds another root folder (created empty unless `create` is false); returns its id. */
  addRoot(path: string, options?: { create?: boolean }): number;
  /** Copies a corpus file to `dest` (relative to the root folder, or absolute). Returns the absolute path. */
  copy(corpusRelative: string, dest: string): string;
  /** A job context for this library; `progress` calls are recorded in `ctx.progressLog`. */
  context(options?: { signal?: AbortSignal; now?: () => Date; onProgress?: (phase: string, current: number, total: number) => void }): JobContext & { progressLog: { phase: string; current: number; total: number }[] };
  /** Closes the database and removes the temporary folder. */
  cleanup(): void;
}

/**
 * Makes a temporary library. `files` maps a destination (relative to the root folder) to a corpus
 * file (relative to the corpus); a plain array copies each corpus file to the same relative path.
 */
export function makeTempLibrary(options: { files?: readonly string[] | Readonly<Record<string, string>>; name?: string } = {}): TempLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-test-'));
  const dataDir = join(dir, 'data');
  const rootDir = join(dir, 'photos');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(rootDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'keepsake.db'));
  const now = new Date().toISOString();
  const libraryId = Number(db.prepare('INSERT INTO libraries (name, created_at) VALUES (?, ?)').run(options.name ?? 'Test', now).lastInsertRowid);
  const addRoot = (path: string, opts: { create?: boolean } = {}) => {
    if (opts.create ?? true) mkdirSync(path, { recursive: true });
    return Number(db.prepare('INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, ?)').run(libraryId, path, now).lastInsertRowid);
  };
  const rootId = addRoot(rootDir);
  const copy = (corpusRelative: string, dest: string) => {
    const target = resolve(rootDir, dest);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(corpusFile(corpusRelative), target);
    return target;
  };
  const files = options.files ?? [];
  const pairs: [string, string][] = Array.isArray(files) ? files.map((f) => [f, f]) : Object.entries(files);
  for (const [dest, source] of pairs) copy(source, dest);
  return {
    dir,
    dataDir,
    rootDir,
    db,
    libraryId,
    rootId,
    addRoot,
    copy,
    context(opts = {}) {
      const progressLog: { phase: string; current: number; total: number }[] = [];
      return {
        db,
        jobId: `test-${Math.random().toString(36).slice(2)}`,
        libraryId,
        dataDir,
        signal: opts.signal ?? new AbortController().signal,
        now: opts.now ?? (() => new Date()),
        progressLog,
        progress(phase, current, total) {
          progressLog.push({ phase, current, total });
          opts.onProgress?.(phase, current, total);
        },
      };
    },
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
