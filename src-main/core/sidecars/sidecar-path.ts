/**
 * Which file is a photo's sidecar. Keepsake writes `<main file's whole name>.xmp`
 * (`IMG_0001.CR2.xmp`: darktable's and digiKam's convention, and the only one where a picture and a
 * video of the same stem get a sidecar each); it reads, and keeps writing into, one that is already
 * there under that name or as `IMG_0001.xmp` (Lightroom's, Capture One's and many cameras').
 */
import { lstat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** Whether a path is named like a sidecar (`.xmp`, any case): the only files Keepsake ever writes beside photos. */
export const isSidecarName = (path: string): boolean => extname(path).toLowerCase() === '.xmp';

/** The sidecar Keepsake creates for a photo whose main file is `mainPath`. */
export const sidecarPathFor = (mainPath: string): string => `${mainPath}.xmp`;

/** `IMG_0001.xmp` for `IMG_0001.CR2`: the file's name without its extension, plus `.xmp`. */
function stemSidecar(path: string, ext: string): string | null {
  const name = basename(path);
  const dot = extname(name);
  return dot === '' ? null : join(dirname(path), `${name.slice(0, -dot.length)}${ext}`);
}

/**
 * The names a photo's sidecar may have, most preferred first: for the main file, then for the
 * photo's other files (a RAW beside its JPEG), `<name>.xmp` before `<stem>.xmp`.
 */
export function sidecarCandidates(mainPath: string, otherPaths: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const path of [mainPath, ...otherPaths.filter((other) => !isSidecarName(other))]) {
    for (const ext of ['.xmp', '.XMP']) {
      out.push(`${path}${ext}`);
      const stem = stemSidecar(path, ext);
      if (stem !== null) out.push(stem);
    }
  }
  return [...new Set(out)];
}

/** What is at a candidate path: a file to use, something that is no file (reported), or nothing. */
export type SidecarFound = { readonly path: string; readonly kind: 'file' | 'not-a-file' | 'symlink' };

/**
 * The photo's existing sidecar, if any: the first candidate that exists and that no other photo
 * claims (`claimedElsewhere`: a `<stem>.xmp` the scan gave to the picture of the same stem).
 * `mayExist` rules candidates out without a system call (a listing of the folder read once).
 */
export async function findSidecar(
  candidates: readonly string[],
  claimedElsewhere: (path: string) => boolean,
  mayExist: (path: string) => boolean = () => true,
): Promise<SidecarFound | null> {
  for (const path of candidates) {
    if (!mayExist(path)) continue;
    let info;
    try {
      info = await lstat(path);
    } catch {
      continue;
    }
    if (claimedElsewhere(path)) continue;
    if (info.isSymbolicLink()) return { path, kind: 'symlink' };
    return { path, kind: info.isFile() ? 'file' : 'not-a-file' };
  }
  return null;
}
