import type { SidecarsResult } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { keyValues, plural } from './output.ts';
import type { Session } from './session.ts';

/** `keepsake sidecars write`: every photo's .xmp sidecar written (created, or merged into) beside its main file. */
export async function sidecarsWrite(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'sidecars write', ['library']);
  checkArity(rest, 'sidecars write', 0, 0, 'no arguments');
  const library = await session.library();
  const record = await session.runJob({ type: 'write_sidecars', libraryId: library.id }, 'Writing sidecars');
  report(session, library, record.id, record.result as SidecarsResult, 'Wrote the sidecars of');
  if (!library.writeSidecars) session.out.note('Note: this library does not keep sidecars up to date as you edit (turn it on in Settings).');
}

/** `keepsake sidecars read`: what the photos' sidecars hold, read into the library (the newer side wins per field). */
export async function sidecarsRead(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'sidecars read', ['library']);
  checkArity(rest, 'sidecars read', 0, 0, 'no arguments');
  const library = await session.library();
  const record = await session.runJob({ type: 'read_sidecars', libraryId: library.id }, 'Reading sidecars');
  report(session, library, record.id, record.result as SidecarsResult, 'Read the sidecars of');
}

function report(session: Session, library: { id: number; name: string }, jobId: string, result: SidecarsResult, what: string): void {
  session.out.result({ library: library.name, library_id: library.id, job_id: jobId, ...result }, () =>
    [
      `${what} library "${library.name}":`,
      keyValues([
        ['written', result.written],
        ['read', result.read],
        ['unchanged', result.unchanged],
        ['skipped (drive offline, photo missing, no sidecar)', result.skipped],
        ['problems', result.problems],
      ]),
      ...(result.changes.length > 0 ? [`${plural(result.changes_total, 'field')} changed from sidecars:`, ...result.changes.map((c) => `  ${c.path}: ${c.field} ${c.from || '(none)'} → ${c.to || '(none)'}`)] : []),
      ...(result.problem_files.length > 0 ? [`${plural(result.problems, 'sidecar')} could not be handled:`, ...result.problem_files.map((p) => `  ${p.path}: ${p.reason}`)] : []),
    ].join('\n'),
  );
}
