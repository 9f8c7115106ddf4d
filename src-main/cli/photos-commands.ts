import type { PhotoSummary, RefreshThumbnailsResult } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { CliError } from './errors.ts';
import { keyValues, plural } from './output.ts';
import type { Session } from './session.ts';

const PAGE = 5000;

/** One photo as `keepsake photos --json` prints it (the issue's field names: a contract for scripts). */
function photoEntry(photo: PhotoSummary) {
  return {
    image_hash: photo.imageHash,
    path: photo.mainPath,
    type: photo.mainType,
    availability: photo.availability,
    has_thumbnail: photo.hasThumbnail,
    thumbnail_width: photo.thumbnailWidth,
    thumbnail_height: photo.thumbnailHeight,
    captured_at: photo.capturedAt,
    ...(photo.mainType === 'VIDEO' ? { duration_s: photo.durationS } : {}),
    problem: photo.thumbnailProblem,
  };
}

/** `keepsake photos`: every photo of a library (not in the trash), with its main file, availability and thumbnail. */
export async function photos(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'photos', ['library', 'missing', 'offline']);
  checkArity(rest, 'photos', 0, 0, 'no arguments');
  if (session.args.missing && session.args.offline) throw new CliError('photos takes --missing or --offline, not both', 'usage');
  const availability = session.args.missing ? 'missing' : session.args.offline ? 'offline' : undefined;
  const library = await session.library();
  const items: PhotoSummary[] = [];
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await session.call('photos.list', { libraryId: library.id, view: 'all', offset, limit: PAGE, ...(availability ? { availability } : {}) });
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= total) break;
  }
  const entries = items.map(photoEntry);
  session.out.result({ library: library.name, library_id: library.id, total, photos: entries }, () => {
    const what = availability === undefined ? 'photo' : `${availability} photo`;
    if (entries.length === 0) return `No ${what}s in library "${library.name}".`;
    const lines = entries.map((entry) => {
      const size = entry.has_thumbnail ? `${entry.thumbnail_width}×${entry.thumbnail_height}` : `no thumbnail: ${entry.problem ?? 'unknown'}`;
      const length = entry.duration_s != null ? `  ${entry.duration_s.toFixed(1)} s` : '';
      return `  ${entry.path ?? `(no file; photo ${entry.image_hash})`}  [${entry.availability}; ${size}${length}]`;
    });
    return [`${plural(total, what)} in library "${library.name}":`, ...lines].join('\n');
  });
}

/** `keepsake thumbnails`: Refresh Thumbnails — remakes the thumbnails an older Keepsake wrote. */
export async function thumbnails(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'thumbnails', ['library']);
  checkArity(rest, 'thumbnails', 0, 0, 'no arguments');
  const library = await session.library();
  const record = await session.runJob({ type: 'refresh_thumbnails', libraryId: library.id }, 'Refreshing thumbnails');
  const result = record.result as RefreshThumbnailsResult;
  session.out.result({ library: library.name, library_id: library.id, job_id: record.id, ...result }, () =>
    [
      `Refreshed the thumbnails of library "${library.name}":`,
      keyValues([
        ['made again', result.refreshed],
        ['could not be decoded (see keepsake problems)', result.failed],
        ['waiting (file not reachable now, or a video and no ffmpeg)', result.waiting],
      ]),
    ].join('\n'),
  );
}
