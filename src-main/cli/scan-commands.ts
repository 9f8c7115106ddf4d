import type { ScanMissingResult, ScanResult } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { keyValues } from './output.ts';
import type { Session } from './session.ts';

/** `keepsake scan`: Scan Photos (new, moved and changed files; then Scan for Missing by itself). */
export async function scan(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'scan', ['library']);
  checkArity(rest, 'scan', 0, 0, 'no arguments');
  const library = await session.library();
  const record = await session.runJob({ type: 'scan_photos', libraryId: library.id }, 'Scanning');
  const result = record.result as ScanResult;
  session.out.result({ library: library.name, library_id: library.id, job_id: record.id, ...result }, () =>
    [
      `Scanned library "${library.name}":`,
      keyValues([
        ['added', result.added],
        ['relinked', result.relinked],
        ['unchanged', result.unchanged],
        ['hashed', result.hashed],
        ['missing', result.missing],
        ['errors', result.errors],
        ['restored from trash', result.restored_from_trash],
        ['skipped folders (not online)', result.skipped_roots],
        ['could not be imported (see keepsake problems)', result.problems ?? 0],
      ]),
    ].join('\n'),
  );
}

/** `keepsake scan-missing`: Scan for Missing Photos (flags files that are gone, relinks restored ones). */
export async function scanMissing(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'scan-missing', ['library']);
  checkArity(rest, 'scan-missing', 0, 0, 'no arguments');
  const library = await session.library();
  const record = await session.runJob({ type: 'scan_missing', libraryId: library.id }, 'Checking files');
  const result = record.result as ScanMissingResult;
  session.out.result({ library: library.name, library_id: library.id, job_id: record.id, ...result }, () =>
    [
      `Checked library "${library.name}" for missing files:`,
      keyValues([
        ['checked', result.checked],
        ['missing', result.missing],
        ['newly missing', result.newly_missing],
        ['restored', result.restored],
        ['unreadable', result.unreadable],
        ['skipped folders (not online)', result.skipped_roots],
      ]),
    ].join('\n'),
  );
}
