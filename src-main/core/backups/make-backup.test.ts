import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { synthesizePhotos } from '../../../bench/lib/synthesize.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { REPO } from '../../../test/support/run-cli.ts';
import { backupsDirOf, dbPathOf } from '../data-folder/data-folder-files.ts';
import { DamagedDatabaseError, openDatabase } from '../db/open-database.ts';
import { KEEP_BACKUPS, listBackups } from './backup-files.ts';
import { quickCheckFile } from './check-database.ts';
import { makeBackup } from './make-backup.ts';
import { scribblePage } from '../../../test/support/damage-database.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

/** A data folder with a database holding `photos` photos. */
function dataFolder(photos = 3): { dataDir: string; file: string } {
  const dataDir = join(temp.dir, `data-${++n}`);
  mkdirSync(dataDir, { recursive: true });
  const file = dbPathOf(dataDir);
  const db = openDatabase(file);
  const { libraryId, rootId } = seedLibrary(db, 'Home', join(dataDir, 'photos'));
  for (let i = 0; i < photos; i++) seedPhoto(db, libraryId, [{ path: join(dataDir, 'photos', `${i}.jpg`), rootId }]);
  db.close();
  return { dataDir, file };
}

const count = (file: string, sql: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('makeBackup', () => {
  it('copies the database into backups/ as keepsake-<reason>-<UTC time>.db, sound and self-contained', async () => {
    const { dataDir, file } = dataFolder(5);
    const backup = await makeBackup(dataDir, 'delete-missing', new Date('2026-12-01T12:06:06.789Z'));
    assert.equal(backup.name, 'keepsake-delete-missing-20261201T120606Z.db');
    assert.equal(backup.path, join(backupsDirOf(dataDir), backup.name));
    assert.equal(backup.reason, 'delete-missing');
    assert.equal(backup.createdAt, '2026-12-01T12:06:06Z');
    assert.ok(backup.bytes > 0);
    assert.deepEqual(quickCheckFile(backup.path), []);
    assert.equal(count(backup.path, 'SELECT COUNT(*) FROM photos'), 5);
    assert.equal(count(backup.path, 'PRAGMA journal_mode'), 'delete', 'a plain file: opens without -wal/-shm beside it');
    assert.deepEqual(readdirSync(backupsDirOf(dataDir)), [backup.name], 'nothing else left in the folder');
    assert.equal(count(file, 'SELECT COUNT(*) FROM photos'), 5);
    assert.deepEqual(listBackups(dataDir), [backup]);
  });

  it('is a consistent snapshot while another process writes, and finishes (one step: no restart, no livelock)', async () => {
    // Big enough (20,000 photos, ~3,000 pages) that a stepped backup is restarted by the writer for ever.
    const { dataDir, file } = dataFolder(0);
    const db = openDatabase(file);
    synthesizePhotos(db, 1, 1, 20_000);
    db.close();
    // A writer in another process, inserting libraries one transaction at a time, as fast as it can.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(process.argv[1]); db.pragma('busy_timeout = 60000');
         const insert = db.prepare("INSERT INTO libraries (name, created_at) VALUES (?, 'now')");
         let i = 0; process.stdout.write('ready\\n');
         const stop = Date.now() + 30000;
         while (Date.now() < stop) { insert.run('writer ' + i++); if (i % 200 === 0 && require('fs').existsSync(process.argv[2])) break; }
         db.close(); process.stdout.write('wrote ' + i + '\\n');`,
        file,
        join(dataDir, 'stop'),
      ],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    writer.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => writer.once('exit', () => resolve()));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (output.includes('ready') && count(file, 'SELECT COUNT(*) FROM libraries') > 50) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    const before = count(file, 'SELECT COUNT(*) FROM libraries');
    const backups = [];
    for (let i = 0; i < 3; i++) backups.push(await makeBackup(dataDir, 'delete-forever', new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
    const during = count(file, 'SELECT COUNT(*) FROM libraries');
    assert.doesNotMatch(output, /wrote/, 'the backups finished while the writer was still writing');
    writeFileSync(join(dataDir, 'stop'), '');
    await exited;
    assert.match(output, /wrote \d+/);
    assert.ok(during > before + 10, `the writer kept writing during the backups (${before} → ${during})`);
    let previous = 0;
    for (const backup of backups) {
      assert.deepEqual(quickCheckFile(backup.path), [], backup.name);
      const copied = count(backup.path, 'SELECT COUNT(*) FROM libraries');
      assert.ok(copied >= before && copied <= during && copied >= previous, `a snapshot between the start and the end (${before} ≤ ${copied} ≤ ${during})`);
      assert.equal(count(backup.path, 'SELECT COUNT(*) FROM photos'), 20_000);
      // The counters are kept by triggers in the same transactions: a torn copy would disagree.
      assert.equal(count(backup.path, 'SELECT num_photos FROM library_counts WHERE library_id = 1'), 20_000);
      previous = copied;
    }
  });

  it('keeps the newest 10: the 11th removes the oldest', async () => {
    const { dataDir } = dataFolder();
    const made = [];
    for (let i = 0; i < KEEP_BACKUPS + 1; i++) made.push(await makeBackup(dataDir, i % 2 === 0 ? 'delete-missing' : 'delete-forever', new Date(Date.UTC(2026, 11, 1, 12, 0, i))));
    const kept = listBackups(dataDir);
    assert.equal(kept.length, KEEP_BACKUPS);
    assert.deepEqual(
      kept.map((backup) => backup.name),
      made.slice(1).reverse().map((backup) => backup.name),
      'newest first, the oldest gone',
    );
    assert.equal(existsSync(made[0]?.path as string), false);
  });

  it('tells two backups of the same second apart, lists newest first, and ignores what is not a backup', async () => {
    const { dataDir } = dataFolder();
    const now = new Date('2026-03-04T05:06:07Z');
    const first = await makeBackup(dataDir, 'delete-forever', now);
    const second = await makeBackup(dataDir, 'delete-forever', now);
    assert.equal(first.name, 'keepsake-delete-forever-20260304T050607Z.db');
    assert.equal(second.name, 'keepsake-delete-forever-20260304T050607Z-2.db');
    // Left by a process that died while backing up, and a user's own file: not listed; the stale partial is pruned.
    writeFileSync(join(backupsDirOf(dataDir), '.partial-999999999-abc.db'), 'half');
    writeFileSync(join(backupsDirOf(dataDir), 'notes.txt'), 'mine');
    assert.deepEqual(
      listBackups(dataDir).map((backup) => backup.name),
      [second.name, first.name],
    );
    await makeBackup(dataDir, 'delete-missing', new Date('2026-03-04T05:06:08Z'));
    assert.equal(existsSync(join(backupsDirOf(dataDir), '.partial-999999999-abc.db')), false);
    assert.equal(readFileSync(join(backupsDirOf(dataDir), 'notes.txt'), 'utf8'), 'mine');
  });

  it('refuses a damaged database: DamagedDatabaseError naming the latest good backup, nothing kept, the file untouched', async () => {
    const { dataDir, file } = dataFolder(200);
    const good = await makeBackup(dataDir, 'delete-missing', new Date('2026-01-01T00:00:00Z'));
    scribblePage(file, 'files');
    const bytes = readFileSync(file);
    await assert.rejects(makeBackup(dataDir, 'delete-forever', new Date('2026-01-02T00:00:00Z')), (error: unknown) => {
      assert.ok(error instanceof DamagedDatabaseError);
      assert.match(error.message, /keepsake\.db is damaged \(quick_check of a fresh copy: .+\), found while backing it up before Delete forever, which was not done; it was not changed: restore the latest good backup \(made before Delete Missing, 2026-01-01T00:00:00Z\) with: keepsake restore keepsake-delete-missing-20260101T000000Z\.db --yes/);
      assert.equal(error.backup?.name, good.name);
      return true;
    });
    assert.deepEqual(readFileSync(file), bytes, 'the live database is untouched');
    assert.deepEqual(readdirSync(backupsDirOf(dataDir)), [good.name], 'no half-written or damaged copy kept');
  });
});
