import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';
import { decodePicture, isGone, UndecodableError, type Picture } from './decode-picture.ts';
import { thumbnailSize } from './thumbnail-size.ts';

export { isGone, UndecodableError };

/** A written thumbnail: the original's size (after orientation) and the thumbnail's own. */
export interface ThumbnailInfo {
  readonly width: number;
  readonly height: number;
  readonly thumbnailWidth: number;
  readonly thumbnailHeight: number;
}

/** Writes `image` to `dest` atomically (temp file + rename), so a killed scan leaves no half file. */
export async function writeAtomically(dest: string, write: (temp: string) => Promise<{ width: number; height: number }>): Promise<{ width: number; height: number }> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = `${dest}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const written = await write(temp);
    await rename(temp, dest);
    return written;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes a picture's thumbnail at `dest` (webp, sized by thumbnailSize). A picture whose pixels turn
 * out broken only now (libvips decodes lazily: a truncated JPEG passes its header) is undecodable.
 */
export async function writeThumbnail(picture: Picture, dest: string): Promise<ThumbnailInfo> {
  const size = thumbnailSize(picture.width, picture.height);
  try {
    const written = await writeAtomically(dest, (temp) =>
      picture.image
        .resize(size.width, size.height, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78, effort: 2 })
        .toFile(temp),
    );
    return { width: picture.width || written.width, height: picture.height || written.height, thumbnailWidth: written.width, thumbnailHeight: written.height };
  } catch (error) {
    if (isGone(error) || error instanceof UndecodableError) throw error;
    throw new UndecodableError(`cannot decode: ${((error as Error).message ?? '').split('\n')[0]}`);
  }
}

/**
 * Makes a photo's thumbnail at `dest` (webp, EXIF orientation applied). A video, sidecar or unknown
 * file returns null here (videos go through video-thumbnail.ts). Throws UndecodableError when the
 * file holds nothing we can decode; gone or unreadable throws as it is.
 */
export async function makeThumbnail(source: string, dest: string, type: FileType): Promise<ThumbnailInfo | null> {
  if (type !== 'IMAGE' && type !== 'RAW_FILE') return null;
  return writeThumbnail(await decodePicture(source, type), dest);
}
