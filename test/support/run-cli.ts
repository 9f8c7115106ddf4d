/**
 * Test helpers for the `keepsake` command: runs bin/keepsake.js with the Node running the tests, parses
 * its JSON output, makes temporary folders and copies corpus photos to scan.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from './temp-library.ts';

/** The repository root (where `npx keepsake` works). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin', 'keepsake.js');
/** Real photos to copy (never used in place). */
export const CORPUS_JPG = join(CORPUS_DIR, 'exif-samples', 'jpg');

/** What one run of the command gave. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/keepsake.js --data DATA …args` with the Node running the tests (24), output piped. */
export function keepsake(dataDir: string | null, ...args: string[]): Run {
  const full = dataDir === null ? args : ['--data', dataDir, ...args];
  const result = spawnSync(process.execPath, [BIN, ...full], { encoding: 'utf8', cwd: REPO, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command without waiting (for Ctrl-C tests). */
export function keepsakeAsync(dataDir: string, ...args: string[]) {
  return spawn(process.execPath, [BIN, '--data', dataDir, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Parses stdout as exactly one JSON document (JSON.parse rejects anything before or after it). */
export function onlyJson<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

/** A fresh temporary folder. */
export const tempDir = (prefix = 'keepsake-cli-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Copies the corpus' top-level JPEGs (broken ones included) into a new folder; returns it and the names. */
export function copyCorpusPhotos(into: string): { folder: string; names: string[] } {
  const folder = join(into, 'photos');
  mkdirSync(folder, { recursive: true });
  const names = readdirSync(CORPUS_JPG).filter((name) => name.toLowerCase().endsWith('.jpg'));
  for (const name of names) copyFileSync(join(CORPUS_JPG, name), join(folder, name));
  return { folder, names };
}

/** A temporary data folder with one library, "Family", of a photos folder holding copies of these corpus photos (not scanned yet). */
export function familyLibrary(names: readonly string[]): { dir: string; data: string; photos: string } {
  const dir = tempDir();
  const data = join(dir, 'data');
  const photos = join(dir, 'photos');
  mkdirSync(photos);
  for (const name of names) copyFileSync(join(CORPUS_JPG, name), join(photos, name));
  const added = keepsake(data, 'library', 'add', 'Family', photos);
  if (added.code !== 0) throw new Error(`keepsake library add failed: ${added.stderr}`);
  return { dir, data, photos };
}
