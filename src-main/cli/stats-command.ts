import { FILE_TYPES, type Stats } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { CliError } from './errors.ts';
import { formatBytes, keyValues } from './output.ts';
import type { Session } from './session.ts';

/**
 * `keepsake stats [--library NAME | --all]`. JSON: one library's Stats fields at the top level
 * (plus `library`), or with --all the all-libraries Stats at the top level plus `libraries: [...]`.
 */
export async function stats(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'stats', ['library', 'all']);
  checkArity(rest, 'stats', 0, 0, 'no arguments');
  if (session.args.all && session.args.library !== undefined) throw new CliError('stats takes --library NAME or --all, not both', 'usage');
  if (session.args.all) {
    if (!session.hasDatabase()) throw new CliError(`there are no libraries yet in ${session.dataDir}; add one with: keepsake library add NAME FOLDER`, 'not_found');
    const report = await session.call('stats.get', {});
    session.out.result({ ...report.all, libraries: report.libraries }, () =>
      [
        `All libraries (${report.libraries.length}):`,
        describe(report.all),
        ...report.libraries.map((library) => `\nLibrary "${library.library_name}" (id ${library.library_id}):\n${describe(library)}`),
      ].join('\n'),
    );
    return;
  }
  const library = await session.library();
  const report = await session.call('stats.get', { libraryId: library.id });
  const own = report.libraries.find((entry) => entry.library_id === library.id);
  if (!own) throw new CliError(`the core returned no stats for library "${library.name}"`, 'failed');
  session.out.result({ library: library.name, ...own }, () => `Library "${library.name}" (id ${library.id}):\n${describe(own)}`);
}

function describe(stats: Stats): string {
  const byType = FILE_TYPES.filter((type) => stats.files_by_type[type] > 0).map(
    (type) => `${type} ${stats.files_by_type[type]} (${formatBytes(stats.bytes_by_type[type])})`,
  );
  return keyValues([
    ['photos', stats.num_photos],
    ['missing', stats.num_missing_photos],
    ['offline', stats.num_offline_photos],
    ['in trash', stats.num_trashed_photos],
    ['files', byType.join(', ') || 'none'],
    ['total size', formatBytes(stats.total_bytes)],
    ['last scan', stats.last_scan_at ?? 'never'],
  ]);
}
