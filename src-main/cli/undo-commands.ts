import type { DeletionRecord } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { CliError } from './errors.ts';
import { keyValues, table } from './output.ts';
import type { Session } from './session.ts';

const KIND: Readonly<Record<DeletionRecord['kind'], string>> = { delete_missing: 'Delete Missing Photos', delete_forever: 'Delete forever (trash)' };

/** Undoable deletions of the library (or of all with no --library and several libraries), newest first. */
async function undoable(session: Session): Promise<{ deletions: DeletionRecord[]; library: string | null }> {
  const libraries = session.hasDatabase() ? await session.call('libraries.list', {}) : [];
  if (session.args.library === undefined && libraries.length !== 1) return { deletions: await session.call('deletions.list', {}), library: null };
  const library = await session.library();
  return { deletions: await session.call('deletions.list', { libraryId: library.id }), library: library.name };
}

/** `keepsake deleted`: the deletions that can still be undone, with their job id, time and counts. */
export async function deleted(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'deleted', ['library']);
  checkArity(rest, 'deleted', 0, 0, 'no arguments');
  const { deletions } = await undoable(session);
  session.out.result(
    {
      deletions: deletions.map((d) => ({
        job_id: d.jobId,
        kind: d.kind,
        library_id: d.libraryId,
        deleted_at: d.deletedAt,
        undoable_until: d.undoableUntil,
        photos: d.photos,
        faces: d.faces,
        album_links: d.albumLinks,
      })),
    },
    () =>
      deletions.length === 0
        ? 'Nothing to undo: no deletion in the last 30 days.'
        : table(
            ['JOB', 'DELETED', 'WHAT', 'PHOTOS', 'FACES', 'ALBUM LINKS', 'UNDO UNTIL'],
            deletions.map((d) => [d.jobId, d.deletedAt, KIND[d.kind], d.photos, d.faces, d.albumLinks, d.undoableUntil]),
          ),
  );
}

/** `keepsake undo-delete [JOB_ID]`: undoes a deletion (default: the latest). */
export async function undoDelete(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'undo-delete', ['library']);
  checkArity(rest, 'undo-delete', 0, 1, '[JOB_ID]');
  let jobId = rest[0];
  if (jobId === undefined) {
    const { deletions } = await undoable(session);
    const latest = deletions[0];
    if (latest === undefined) throw new CliError('nothing to undo: no deletion in the last 30 days (see keepsake deleted)', 'not_found');
    jobId = latest.jobId;
  }
  const result = await session.call('deletions.undo', { jobId });
  session.out.result(result, () =>
    [
      `Undid deletion ${jobId}:`,
      keyValues([
        ['photos back (missing until their files are found)', result.restored],
        ['photos that exist again, given what they lacked', result.merged],
        ['album links', result.album_links],
        ['faces', result.faces],
        ['thumbnails', result.thumbnails],
      ]),
      result.restored > 0 ? 'Run keepsake scan to relink the files that are back.' : '',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
}
