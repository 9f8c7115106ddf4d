import type { Root } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { CliError } from './errors.ts';
import { existingFolder } from './folders.ts';
import { keyValues, table } from './output.ts';
import type { Session } from './session.ts';
import { resolve } from 'node:path';

/** The name people know a root's drive by: its volume label, else its mount point, else null. */
export const driveName = (root: Root): string | null => root.volumeLabel ?? root.mountPoint ?? null;

/** `keepsake roots`: each folder of the library, probed now, with its state and drive name. */
export async function roots(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'roots', ['library']);
  checkArity(rest, 'roots', 0, 0, 'no arguments');
  const library = await session.library();
  // Probed now either way; stored only when this command holds the library (see COMMANDS in main.ts).
  const list = await session.call('roots.list', { libraryId: library.id, probe: true });
  session.out.result({ library: library.name, library_id: library.id, roots: list.map((root) => ({ ...root, driveName: driveName(root) })) }, () => {
    if (list.length === 0) return `Library "${library.name}" has no folders.`;
    return table(
      ['ID', 'STATE', 'DRIVE', 'PATH'],
      list.map((root) => [root.id, root.state, driveName(root) ?? '-', root.path]),
    );
  });
}

/**
 * `keepsake locate ROOT_OR_FOLDER NEW_FOLDER`: points a moved root (by id or path) or folder at its
 * new place; files are relinked by relative path and checked by size (and hash where needed).
 */
export async function locate(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'locate', ['library']);
  checkArity(rest, 'locate', 2, 2, 'ROOT_OR_FOLDER NEW_FOLDER');
  const [fromArg = '', toArg = ''] = rest;
  const to = existingFolder(toArg);
  const library = await session.library();
  const core = await session.core();
  if (typeof core.handlers['roots.locate'] !== 'function') {
    throw new CliError("locate is not available yet: this Keepsake core does not implement 'roots.locate'", 'unavailable');
  }
  // A root may be named by its id (as `keepsake roots` lists them) or by its path.
  let from = resolve(fromArg);
  if (/^\d+$/.test(fromArg)) {
    const root = library.roots.find((candidate) => candidate.id === Number(fromArg));
    if (!root) throw new CliError(`library "${library.name}" has no root with id ${fromArg} (see keepsake roots)`, 'not_found');
    from = root.path;
  }
  if (from === to) throw new CliError('the old and the new folder are the same', 'bad_input');
  const result = await session.watchJobs('locate_folder', library.id, 'Locating', () =>
    session.call('roots.locate', { libraryId: library.id, from, to }),
  );
  session.out.result({ library: library.name, library_id: library.id, from, to, ...result }, () =>
    [
      `Located ${from} at ${to}:`,
      keyValues([
        ['relinked', result.relinked],
        ['hashed', result.hashed],
        ['not found', result.not_found],
        ['size or hash mismatch', result.mismatched],
      ]),
    ].join('\n'),
  );
}
