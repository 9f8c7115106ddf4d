/**
 * A temporary folder of real photos for one story, filled from the shared corpus (always copies,
 * never the corpus itself), and the things users do to files outside the app: delete, move away,
 * put back elsewhere, rename a whole folder (as when a drive is unplugged).
 */
import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The shared corpus of real photos and videos (read-only: copy before use). */
export const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

/** Real camera JPEGs from exif-samples/jpg, each a photo with a thumbnail. */
export const CAMERA_JPEGS = [
  'Canon_40D.jpg',
  'Nikon_D70.jpg',
  'Pentax_K10D.jpg',
  'Sony_HDR-HC3.jpg',
  'Olympus_C8080WZ.jpg',
  'Fujifilm_FinePix_E500.jpg',
  'Panasonic_DMC-FZ30.jpg',
  'Kodak_CX7530.jpg',
] as const;

/** A real short VP9 clip: Debian's Chromium plays VP9 (it has no H.264). */
export const VIDEO_CLIP = join(CORPUS, 'video', 'clip-vp9.webm');

/** A folder of photos on "disk" for one test; `path(rel)` is where a file lives. */
export class PhotoFolder {
  /** The base temp folder; roots and "elsewhere" folders go inside it. */
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  /** Makes a new temporary base folder. */
  static async create(): Promise<PhotoFolder> {
    return new PhotoFolder(await mkdtemp(join(tmpdir(), 'keepsake-e2e-photos-')));
  }

  /** Absolute path of `rel` inside the base folder. */
  path(rel: string): string {
    return join(this.base, rel);
  }

  /** Copies a corpus file (path relative to the corpus, or absolute) to `rel`. */
  async copyIn(corpusFile: string, rel: string): Promise<string> {
    const to = this.path(rel);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(corpusFile.startsWith('/') ? corpusFile : join(CORPUS, corpusFile), to);
    return to;
  }

  /** Copies `count` camera JPEGs into folder `rel` under their own names; returns the names. */
  async copyJpegs(rel: string, count: number): Promise<string[]> {
    if (count > CAMERA_JPEGS.length) throw new Error(`only ${CAMERA_JPEGS.length} camera JPEGs are listed`);
    const names = CAMERA_JPEGS.slice(0, count);
    for (const name of names) await this.copyIn(join('exif-samples', 'jpg', name), join(rel, name));
    return [...names];
  }

  /** A RAW file with its XMP sidecar (one photo, two files) as `<rel>.cr2` + `<rel>.xmp`. */
  async copyRawWithXmp(relStem: string): Promise<void> {
    await this.copyIn(join('exiftool-samples', 'CanonRaw.cr2'), `${relStem}.cr2`);
    await this.copyIn(join('exiftool-samples', 'XMP.xmp'), `${relStem}.xmp`);
  }

  /** The real VP9 clip at `rel`. */
  async copyVideo(rel: string): Promise<string> {
    return this.copyIn(VIDEO_CLIP, rel);
  }

  /** Deletes files behind the app's back. */
  async remove(...rels: string[]): Promise<void> {
    for (const rel of rels) await rm(this.path(rel));
  }

  /** Moves (renames) a file or folder, creating the target's folder: outside the app. */
  async move(fromRel: string, toRel: string): Promise<string> {
    const to = this.path(toRel);
    await mkdir(dirname(to), { recursive: true });
    await rename(this.path(fromRel), to);
    return to;
  }

  /** Whether `rel` exists. */
  async exists(rel: string): Promise<boolean> {
    return stat(this.path(rel)).then(
      () => true,
      () => false,
    );
  }

  /** Removes the whole base folder. */
  async dispose(): Promise<void> {
    await rm(this.base, { recursive: true, force: true });
  }
}
