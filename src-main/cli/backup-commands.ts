import { existsSync, statSync } from 'node:fs';
import { checkArity, checkOptions } from './args.ts';
import { CliError, oneLine } from './errors.ts';
import { formatBytes, keyValues, plural, table } from './output.ts';
import type { Session } from './session.ts';

/**
 * `keepsake backups`: the database's backups, newest first. Reads only the backups folder, so it
 * works whoever holds the library, and whatever state the database is in.
 */
export async function backups(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'backups', []);
  checkArity(rest, 'backups', 0, 0, 'no arguments');
  session.hasDatabase(); // `--data FILE` is refused as not a folder
  const [{ listBackups }, { backupsDirOf }] = await Promise.all([import('../core/backups/backup-files.ts'), import('../core/data-folder/data-folder-files.ts')]);
  const found = listBackups(session.dataDir);
  const folder = backupsDirOf(session.dataDir);
  session.out.result({ folder, backups: found.map((backup) => ({ name: backup.name, reason: backup.reason, created_at: backup.createdAt, bytes: backup.bytes, path: backup.path })) }, () => {
    if (found.length === 0) return `No backups yet in ${folder}. Keepsake makes one before each Delete Missing, Delete forever and schema upgrade.`;
    return [
      `${plural(found.length, 'backup')} in ${folder}, newest first:`,
      table(
        ['NAME', 'MADE BEFORE', 'CREATED', 'SIZE'],
        found.map((backup) => [backup.name, backup.reason, backup.createdAt, formatBytes(backup.bytes)]),
      ),
      'Restore one with: keepsake restore NAME --yes',
    ].join('\n');
  });
}

/**
 * `keepsake restore BACKUP --yes`: puts a backup back as the library database. A write command: it
 * takes the writer lock, but never opens the database through the core (it may be damaged). What it
 * replaces is backed up first (or, when damaged, moved into the backups folder as it is).
 */
export async function restore(session: Session, rest: readonly string[]): Promise<void> {
  checkOptions(session.args, 'restore', ['yes']);
  checkArity(rest, 'restore', 1, 1, 'one backup name (see keepsake backups)');
  const name = rest[0] as string;
  session.hasDatabase();
  const [{ findBackup, describeReason, listBackups }, { restoreBackup }, { dbPathOf }] = await Promise.all([
    import('../core/backups/backup-files.ts'),
    import('../core/backups/restore-backup.ts'),
    import('../core/data-folder/data-folder-files.ts'),
  ]);
  const backup = findBackup(session.dataDir, name);
  if (backup === null) {
    const names = listBackups(session.dataDir).map((one) => one.name);
    throw new CliError(`no backup named "${name}" in ${session.dataDir} (${names.length === 0 ? 'there are no backups yet' : `newest: ${names[0]}; see keepsake backups`})`, 'not_found');
  }
  const file = dbPathOf(session.dataDir);
  if (!session.args.yes) {
    // Only ever after explicit confirmation: say what would be replaced, change nothing.
    const current = existsSync(file) ? `the library database ${file} (${formatBytes(statSync(file).size)}, last changed ${statSync(file).mtime.toISOString()})` : `the library database ${file} (there is none now)`;
    throw new CliError(
      `restore would replace ${current} with backup ${backup.name} (made before ${describeReason(backup.reason)}, ${backup.createdAt}); the current database is backed up first; run it again with --yes to confirm`,
      'refused',
    );
  }
  const lock = await session.writerLock();
  let result;
  try {
    result = await restoreBackup(session.dataDir, backup.name, lock, new Date());
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'not_found') throw new CliError(oneLine(error), 'not_found');
    if (code === 'bad_request') throw new CliError(oneLine(error), 'bad_input');
    throw new CliError(`restore failed: ${oneLine(error)}`, 'failed');
  }
  const { restored, saved, setAside } = result;
  session.out.result(
    {
      restored: { name: restored.name, reason: restored.reason, created_at: restored.createdAt, bytes: restored.bytes },
      saved: saved === null ? null : { name: saved.name, reason: saved.reason, created_at: saved.createdAt, bytes: saved.bytes },
      set_aside: setAside,
      database: file,
    },
    () =>
      [
        `Restored ${restored.name} as ${file}.`,
        keyValues([
          ['made before', `${describeReason(restored.reason)}, ${restored.createdAt}`],
          ['replaced database', saved !== null ? `backed up as ${saved.name}` : setAside.length > 0 ? `damaged: moved to ${setAside.join(', ')}` : 'none'],
        ]),
      ].join('\n'),
  );
}
