import type { ScanProblem } from '../../src-shared/domain.ts';
import { SIDECAR_PROBLEM } from '../core/sidecars/sidecar-problems.ts';
import { checkArity, checkOptions } from './args.ts';
import { plural } from './output.ts';
import type { Session } from './session.ts';

const PAGE = 5000;

/** `keepsake problems`: every file the scans saw and could not import (or decode), and every sidecar that could not be written, with its reason. */
export async function problems(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'problems', ['library']);
  checkArity(rest, 'problems', 0, 0, 'no arguments');
  const library = await session.library();
  const items: ScanProblem[] = [];
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await session.call('problems.list', { libraryId: library.id, offset, limit: PAGE });
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= total) break;
  }
  session.out.result(
    { library: library.name, library_id: library.id, total, problems: items.map((p) => ({ path: p.path, reason: p.reason, seen_at: p.seenAt })) },
    () => {
      if (items.length === 0) return `Every file the scans saw in library "${library.name}" was imported.`;
      const sidecars = items.filter((p) => p.reason.startsWith(SIDECAR_PROBLEM));
      const files = items.filter((p) => !p.reason.startsWith(SIDECAR_PROBLEM));
      const lines: string[] = [];
      if (files.length > 0) lines.push(`${plural(files.length, 'file')} of library "${library.name}" could not be imported:`, ...files.map((p) => `  ${p.path}: ${p.reason}`));
      if (sidecars.length > 0) {
        lines.push(`${plural(sidecars.length, 'sidecar')} of library "${library.name}" could not be written (each is tried again after a scan):`);
        lines.push(...sidecars.map((p) => `  ${p.path}: ${p.reason.slice(SIDECAR_PROBLEM.length)}`));
      }
      return lines.join('\n');
    },
  );
}
