import { basename, dirname, extname, sep } from 'node:path';
import { METADATA_EXTENSIONS, extensionOf } from '../files/file-type.ts';

/**
 * The name that ties a photo's files together: `IMG_1.JPG`, `IMG_1.CR2`, `IMG_1.xmp` and
 * `IMG_1.JPG.xmp` (Lightroom / darktable style) all have the stem `IMG_1`.
 */
export function stemOf(path: string): string {
  let name = basename(path);
  if (METADATA_EXTENSIONS.has(extensionOf(name))) name = name.slice(0, -extname(name).length);
  const ext = extname(name);
  return ext === '' ? name : name.slice(0, -ext.length);
}

/** Bounds of an index range on `files.path` holding every file `<folder>/<stem>.*` (and a few others to filter out). */
export function stemRange(path: string): { folder: string; stem: string; low: string; high: string } {
  const folder = dirname(path);
  const stem = stemOf(path);
  const prefix = folder + sep + stem;
  // Every path starting with "<prefix>." sorts at or after it and before "<prefix>/" ('/' follows '.').
  return { folder, stem, low: `${prefix}.`, high: `${prefix}/` };
}

/** Whether `other` is a file of the same photo group as one in `folder` with `stem`. */
export function sameStem(other: string, folder: string, stem: string): boolean {
  return dirname(other) === folder && stemOf(other) === stem;
}

/** How many of a folder's files have each stem (a stem held once: the file has no RAW/JPEG/XMP companion there). */
export function countStems(paths: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const stem = stemOf(path);
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return counts;
}
