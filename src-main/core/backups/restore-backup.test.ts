import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scribblePage } from '../../../test/support/damage-database.ts';
import { makeTempDir, seedLibrary } from '../../../test/support/seed-database.ts';
import { backupsDirOf, dbPathOf } from '../data-folder/data-folder-files.ts';
import { tryTakeWriterLock, type WriterLock } from '../data-folder/writer-lock.ts';
import { openDatabase } from '../db/open-database.ts';
import { KEEP_BACKUPS, listBackups } from './backup-files.ts';
import { makeBackup } from './make-backup.ts';
import { restoreBackup } from './restore-backup.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

/** A data folder whose database has libraries named `names`, and the writer lock on it. */
function dataFolder(names: readonly string[]): { dataDir: string; file: string; lock: WriterLock } {
  const dataDir = join(temp.dir, `data-${++n}`);
  mkdirSync(dataDir);
  const file = dbPathOf(dataDir);
  const db = openDatabase(file);
  for (const name of names) seedLibrary(db, name, `/${name}`);
  db.close();
  const lock = tryTakeWriterLock(dataDir, { kind: 'cli', command: 'keepsake restore' });
  assert.ok(lock);
  after(() => lock.release());
  return { dataDir, file, lock };
}

const librariesIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT name FROM libraries ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
};

const renameLibraries = (file: string, names: readonly string[]): void => {
  const db = openDatabase(file);
  db.exec('DELETE FROM roots; DELETE FROM libraries');
  for (const name of names) seedLibrary(db, name, `/${name}`);
  db.close();
};

describe('restoreBackup', () => {
  it('puts the backup back, after backing up what it replaces as before-restore', async () => {
    const { dataDir, file, lock } = dataFolder(['Before']);
    const backup = await makeBackup(dataDir, 'delete-missing', new Date('2026-01-01T00:00:00Z'));
    renameLibraries(file, ['After']);
    const result = await restoreBackup(dataDir, backup.name, lock, new Date('2026-01-02T00:00:00Z'));
    assert.equal(result.restored.name, backup.name);
    assert.equal(result.saved?.name, 'keepsake-before-restore-20260102T000000Z.db');
    assert.deepEqual(result.setAside, []);
    assert.deepEqual(librariesIn(file), ['Before']);
    assert.deepEqual(librariesIn(result.saved?.path as string), ['After'], 'what it replaced is kept');
    assert.deepEqual(readdirSync(dataDir).filter((name) => name.includes('restoring')), [], 'no temporary copy left');
    // The restored file opens as the library, in WAL mode again.
    const db = openDatabase(file);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('never prunes the backup being restored, even when it is the oldest of ten', async () => {
    const { dataDir, lock } = dataFolder(['A']);
    const made = [];
    for (let i = 0; i < KEEP_BACKUPS; i++) made.push(await makeBackup(dataDir, 'delete-forever', new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
    const oldest = made[0]?.name as string;
    await restoreBackup(dataDir, oldest, lock, new Date(Date.UTC(2026, 0, 2)));
    assert.ok(listBackups(dataDir).some((backup) => backup.name === oldest));
  });

  it('refuses names that are not one of the listed backups, changing nothing', async () => {
    const { dataDir, file, lock } = dataFolder(['A']);
    const backup = await makeBackup(dataDir, 'delete-missing', new Date('2026-01-01T00:00:00Z'));
    writeFileSync(join(dataDir, 'keepsake-delete-missing-20260101T000000Z.db'), 'not in the backups folder');
    const bytes = readFileSync(file);
    for (const name of ['../keepsake.db', `../backups/${backup.name}`, `backups/${backup.name}`, 'keepsake.db', 'keepsake-delete-missing-20990101T000000Z.db', backup.path, `..\\${backup.name}`]) {
      await assert.rejects(restoreBackup(dataDir, name, lock), (error: unknown) => (error as { code?: string }).code === 'not_found', name);
    }
    assert.deepEqual(readFileSync(file), bytes);
    assert.equal(listBackups(dataDir).length, 1);
  });

  it('refuses a damaged backup, changing nothing', async () => {
    const { dataDir, file, lock } = dataFolder(['A']);
    const backup = await makeBackup(dataDir, 'delete-missing', new Date('2026-01-01T00:00:00Z'));
    scribblePage(backup.path, 'libraries');
    const bytes = readFileSync(file);
    await assert.rejects(restoreBackup(dataDir, backup.name, lock), /backup keepsake-delete-missing-20260101T000000Z\.db is damaged \(quick_check: .+\); choose another one/);
    assert.deepEqual(readFileSync(file), bytes);
    assert.equal(listBackups(dataDir).length, 1, 'no before-restore backup either');
  });

  it('sets a damaged database aside (with its WAL) instead of deleting it, and restores', async () => {
    const { dataDir, file, lock } = dataFolder(['Good']);
    const backup = await makeBackup(dataDir, 'delete-missing', new Date('2026-01-01T00:00:00Z'));
    scribblePage(file, 'libraries');
    writeFileSync(`${file}-wal`, ''); // as a reader leaves it
    const damaged = readFileSync(file);
    const result = await restoreBackup(dataDir, backup.name, lock, new Date('2026-01-02T00:00:00Z'));
    assert.equal(result.saved, null);
    assert.equal(result.setAside.length, 2);
    assert.deepEqual(readFileSync(result.setAside[0] as string), damaged, 'the damaged file is kept as it was');
    assert.ok(result.setAside.every((path) => path.startsWith(backupsDirOf(dataDir))));
    assert.deepEqual(librariesIn(file), ['Good']);
    assert.equal(existsSync(`${file}-wal`), false);
    assert.deepEqual(listBackups(dataDir).map((one) => one.name), [backup.name], 'a set-aside file is not a backup');
  });
});
