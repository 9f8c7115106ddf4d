import type { FileType } from '../../../src-shared/domain.ts';
import { decodePicture, isGone, UndecodableError } from './decode-picture.ts';
import { writeAtomically } from './make-thumbnail.ts';
import { previewSize } from './thumbnail-size.ts';

/**
 * Writes the lightbox's full-size preview of a photo Chromium cannot show (TIFF, HEIC, RAW, PSD…) at
 * `dest`: a JPEG at screen size (PREVIEW_LONG_SIDE), oriented. JPEG, not WebP: at 2560 px it encodes
 * ~3× faster, and the viewer waits for it. Throws UndecodableError when nothing decodes.
 */
export async function makePreview(source: string, dest: string, type: FileType): Promise<{ width: number; height: number }> {
  const picture = await decodePicture(source, type);
  const size = previewSize(picture.width, picture.height);
  try {
    return await writeAtomically(dest, (temp) =>
      picture.image.resize(size.width, size.height, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toFile(temp),
    );
  } catch (error) {
    if (isGone(error)) throw error;
    throw new UndecodableError(`cannot decode: ${((error as Error).message ?? '').split('\n')[0]}`);
  }
}
