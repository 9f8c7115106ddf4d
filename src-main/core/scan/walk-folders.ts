import { opendirSync, statSync, type Dir, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';
import { classifyFile, isScannable, isScannableFolder } from './classify.ts';

/** A file found by the walk, with what a rescan compares to skip hashing it. */
export interface SeenFile {
  readonly path: string;
  readonly rootId: number;
  readonly type: FileType;
  readonly size: number;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
}

/** Up to `CHUNK` files of one folder (a large folder comes in several chunks). */
export interface FolderChunk {
  readonly folder: string;
  readonly files: SeenFile[];
  /** The chunk holds every file of its folder (the folder did not need several chunks). */
  readonly whole: boolean;
}

/** The file-system calls the walk makes; injectable so tests can simulate permission errors as root. */
export interface WalkFs {
  opendir(path: string): Dir;
  stat(path: string): Stats | undefined;
}

/** The real, synchronous file system (sync calls: no promise per file, which is most of a rescan's cost). */
export const realWalkFs: WalkFs = {
  opendir: (path) => opendirSync(path, { bufferSize: 256 }),
  stat: (path) => statSync(path, { throwIfNoEntry: false }),
};

/** Files per chunk: bounds memory in a folder of a million files. */
export const CHUNK = 2000;

export interface WalkOptions {
  readonly rootId: number;
  readonly rootPath: string;
  /** Folders never walked: other roots (they are walked as themselves) and Keepsake's data folder. */
  readonly skipFolders: ReadonlySet<string>;
  readonly fs?: WalkFs;
  /** Called for a folder or file that cannot be read; the walk goes on. */
  onError(path: string, error: Error): void;
}

/**
 * Walks one root depth-first with an explicit stack (no recursion, so no stack overflow on deep
 * trees), yielding its files folder by folder. Symbolic links are not followed, so a link loop
 * cannot trap the walk; hidden folders and files are skipped. An unreadable folder is reported
 * through onError and skipped.
 */
export function* walkFolders(options: WalkOptions): Generator<FolderChunk> {
  const fs = options.fs ?? realWalkFs;
  const stack = [options.rootPath];
  while (stack.length > 0) {
    const folder = stack.pop() as string;
    let dir: Dir;
    try {
      dir = fs.opendir(folder);
    } catch (error) {
      options.onError(folder, error as Error);
      continue;
    }
    let files: SeenFile[] = [];
    let split = false;
    try {
      for (;;) {
        let entry;
        try {
          entry = dir.readSync();
        } catch (error) {
          options.onError(folder, error as Error);
          break;
        }
        if (entry === null) break;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (isScannableFolder(entry.name) && !options.skipFolders.has(path)) stack.push(path);
          continue;
        }
        if (!entry.isFile() || !isScannable(entry.name)) continue;
        let info: Stats | undefined;
        try {
          info = fs.stat(path);
        } catch (error) {
          options.onError(path, error as Error);
          continue;
        }
        if (info === undefined || !info.isFile()) continue; // gone since the folder was listed
        files.push({ path, rootId: options.rootId, type: classifyFile(entry.name), size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });
        if (files.length >= CHUNK) {
          yield { folder, files, whole: false };
          files = [];
          split = true;
        }
      }
    } finally {
      dir.closeSync();
    }
    if (files.length > 0) yield { folder, files, whole: !split };
  }
}
