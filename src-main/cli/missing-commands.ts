import type { DeleteMissingCounts, DeleteMissingResult, MissingPhoto } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { CliError } from './errors.ts';
import { keyValues, plural } from './output.ts';
import type { Session } from './session.ts';

const PAGE = 5000;

/** `keepsake missing`: the library's missing photos with their last known paths (or, with --offline, its offline ones). */
export async function missing(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'missing', ['library', 'offline']);
  checkArity(rest, 'missing', 0, 0, 'no arguments');
  const library = await session.library();
  const kind = session.args.offline ? 'offline' : 'missing';
  const photos: MissingPhoto[] = [];
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await session.call('missing.list', { libraryId: library.id, kind, offset, limit: PAGE });
    total = page.total;
    photos.push(...page.items);
    if (page.items.length === 0 || photos.length >= total) break;
  }
  session.out.result({ library: library.name, library_id: library.id, kind, total, photos }, () => {
    const what = kind === 'offline' ? 'offline photo' : 'missing photo';
    if (photos.length === 0) return `No ${what}s in library "${library.name}".`;
    const lines = photos.map((photo) => {
      const where = photo.lastKnownPath ?? photo.mainPath ?? `(no known path; photo ${photo.imageHash})`;
      return kind === 'offline' && photo.driveName ? `  ${where}  [drive: ${photo.driveName}]` : `  ${where}`;
    });
    return [`${plural(total, what)} in library "${library.name}" (last known paths):`, ...lines].join('\n');
  });
}

/** `keepsake delete-missing --yes`: removes the missing photos for good; refuses without --yes. */
export async function deleteMissing(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'delete-missing', ['library', 'yes', 'include-offline']);
  checkArity(rest, 'delete-missing', 0, 0, 'no arguments');
  const library = await session.library();
  const includeOffline = session.args.includeOffline;
  if (!session.args.yes) {
    // Deleting is only ever done after explicit confirmation: say what would go, change nothing.
    const preview = await previewOrNull(session, library.id, includeOffline);
    const what = preview ? describeCounts(preview, includeOffline) : 'the missing photos';
    throw new CliError(`delete-missing would remove ${what} of library "${library.name}" for good; run it again with --yes to confirm`, 'refused');
  }
  const record = await session.runJob({ type: 'delete_missing', libraryId: library.id, confirmed: true, includeOffline }, 'Deleting missing photos');
  const result = record.result as DeleteMissingResult;
  session.out.result({ library: library.name, library_id: library.id, ...result, job_id: result.job_id ?? record.id }, () =>
    [
      `Deleted missing photos of library "${library.name}":`,
      keyValues([
        ['photos', result.removed.photos],
        ['faces', result.removed.faces],
        ['album links', result.removed.album_links],
        ['file records', result.removed.files],
        ['thumbnails', result.removed.thumbnails],
        ['of them offline', result.removed.offline_photos],
      ]),
    ].join('\n'),
  );
}

async function previewOrNull(session: Session, libraryId: number, includeOffline: boolean): Promise<DeleteMissingCounts | null> {
  try {
    return await session.call('missing.deletePreview', { libraryId, includeOffline });
  } catch {
    return null;
  }
}

function describeCounts(counts: DeleteMissingCounts, includeOffline: boolean): string {
  const parts = [`${plural(counts.faces, 'face')}`, `${plural(counts.album_links, 'album link')}`];
  if (includeOffline) parts.push(`${counts.offline_photos} of them on drives that are not connected`);
  return `${plural(counts.photos, 'photo')} (${parts.join(', ')})`;
}
