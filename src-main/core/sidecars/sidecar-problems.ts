/**
 * The sidecars that could not be written, as the library's problems list shows them (`keepsake
 * problems`, the app's problems dialog): each photo still waiting for its sidecar whose last try
 * failed for a reason the user can act on (read-only folder, permission, a full drive, a file that
 * is not XMP). Photos that only wait — their drive unplugged, the photo missing — are no problem:
 * they are written when they can be, and are not listed.
 */
import { basename } from 'node:path';
import { SIDECAR_PROBLEM } from '../../../src-shared/domain.ts';
import type { SidecarPhoto } from './sidecar-store.ts';
import { sidecarPathFor } from './sidecar-path.ts';

/** How the reasons of photos that only wait begin (sync-sidecars.ts). */
export const WAITING = 'waiting: ';

/** How a sidecar problem reads in the problems list, before its reason (shared: the app lists them apart). */
export { SIDECAR_PROBLEM };

/** The path a photo's sidecar problem is listed under: the sidecar Keepsake last wrote or read, else the one it would create. */
const listedPath = (photo: SidecarPhoto): string | null => photo.state?.path ?? (photo.mainPath === null ? null : sidecarPathFor(photo.mainPath));

/**
 * The reason stored for a problem at `path`: as it is when the list shows that path, else with the
 * file's name in front (an `IMG_0001.xmp` that is a symbolic link, beside `IMG_0001.CR2`).
 */
export function problemReason(photo: SidecarPhoto, path: string, reason: string): string {
  return listedPath(photo) === path ? reason : `${basename(path)}: ${reason}`;
}

/**
 * The rows of `@libraryId`'s sidecar problems, in the columns of the scan problems list (path,
 * reason, seenAt), for its UNION: the same path listedPath gives, from the database.
 */
export const SIDECAR_PROBLEMS_SQL = `SELECT COALESCE(ss.path, m.path || '.xmp') AS path, '${SIDECAR_PROBLEM}' || sp.reason AS reason, sp.tried_at AS seenAt
  FROM sidecar_pending sp JOIN photos p ON p.image_hash = sp.image_hash
  LEFT JOIN files m ON m.hash = p.main_file
  LEFT JOIN sidecar_state ss ON ss.image_hash = sp.image_hash
  WHERE sp.library_id = @libraryId AND sp.reason IS NOT NULL AND sp.reason NOT LIKE '${WAITING}%'`;
