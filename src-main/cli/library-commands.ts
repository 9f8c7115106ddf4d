import type { Library } from '../../src-shared/domain.ts';
import { checkArity, checkOptions } from './args.ts';
import { CliError } from './errors.ts';
import { existingFolder } from './folders.ts';
import { SIDECARS_EXPLAINED } from '../../src-shared/sidecar-texts.ts';
import { plural, table } from './output.ts';
import type { Session } from './session.ts';

/** `keepsake library add NAME FOLDER...`: a new library scanning these folders. */
export async function libraryAdd(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'library add', ['no-sidecars']);
  checkArity(rest, 'library add', 2, Number.POSITIVE_INFINITY, 'NAME FOLDER...');
  const [name = '', ...folderArgs] = rest;
  if (name.trim() === '') throw new CliError('a library needs a name', 'bad_input');
  // Every folder is checked before anything is created, so a typo changes nothing.
  const folders = [...new Set(folderArgs.map(existingFolder))];
  if (session.hasDatabase()) {
    const existing = await session.call('libraries.list', {});
    if (existing.some((library) => library.name === name.trim())) throw new CliError(`a library named "${name.trim()}" already exists`, 'bad_input');
  }
  await session.core({ create: true });
  const library = await session.call('libraries.add', { name, folders, writeSidecars: !session.args.noSidecars });
  session.out.result(library, () =>
    [
      `Added library "${library.name}" (id ${library.id}) with ${plural(library.roots.length, 'folder')}:`,
      ...library.roots.map((root) => `  ${root.path}`),
      library.writeSidecars ? `${SIDECARS_EXPLAINED} (turn off: keepsake library add … --no-sidecars)` : 'Sidecars: off (ratings, captions and albums are kept in Keepsake\'s database only).',
    ].join('\n'),
  );
}

/** `keepsake library list`: every library with its folders. */
export async function libraryList(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'library list', []);
  checkArity(rest, 'library list', 0, 0, 'no arguments');
  // A data folder without a database simply has no libraries: do not create one to say so.
  const libraries: Library[] = session.hasDatabase() ? await session.call('libraries.list', {}) : [];
  session.out.result({ libraries }, () => {
    if (libraries.length === 0) return `No libraries yet in ${session.dataDir}. Add one with: keepsake library add NAME FOLDER`;
    return table(
      ['ID', 'NAME', 'FOLDERS'],
      libraries.map((library) => [library.id, library.name, library.roots.map((root) => root.path).join(', ') || '(none)']),
    );
  });
}
