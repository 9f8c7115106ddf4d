import type { ScanChange } from '../core/scan/scan-work.ts';
import { checkArity, checkOptions } from './args.ts';
import type { Session } from './session.ts';

/** How `keepsake watch` reads a change, for people (with --json: the change itself, one JSON line each). */
function describe(change: ScanChange): string {
  const what = change.change.padEnd(8);
  return change.from === undefined ? `${what} ${change.path}` : `${what} ${change.from} → ${change.path}`;
}

/**
 * `keepsake watch`: the live library in the foreground, until Ctrl-C — the library's roots watched
 * (or polled), caught up first, and every change applied printed as it happens. It holds the library
 * as any write command does, so the app cannot write it meanwhile.
 */
export async function watch(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'watch', ['library']);
  checkArity(rest, 'watch', 0, 0, 'no arguments');
  const library = await session.library();
  const core = await session.core();
  const json = session.args.json;
  const watching = await core.watchLibrary(library.id, (change) => {
    process.stdout.write(`${json ? JSON.stringify(change) : describe(change)}\n`);
  });
  process.stderr.write(`Watching library "${library.name}" (${library.roots.length} ${library.roots.length === 1 ? 'folder' : 'folders'}); Ctrl-C to stop.\n`);
  try {
    while (!session.interrupted) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await watching.stop();
  }
}
