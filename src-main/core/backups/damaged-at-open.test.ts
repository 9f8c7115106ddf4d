import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scribblePage } from '../../../test/support/damage-database.ts';
import { REPO } from '../../../test/support/run-cli.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { dbPathOf } from '../data-folder/data-folder-files.ts';
import { DamagedDatabaseError, openDatabase } from '../db/open-database.ts';
import { openKeepsake } from '../keepsake.ts';
import { makeBackup } from './make-backup.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

/** Opens the database to write in another process, writes a row, and kills it (-9): its -wal stays, with content. */
async function crashAWriter(file: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(process.argv[1]);
       db.prepare("INSERT INTO libraries (name, created_at) VALUES ('written before the crash', 'now')").run();
       process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`,
      file,
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** A new data folder whose database holds one library of 100 photos, closed cleanly. */
function libraryOf100Photos(): { dataDir: string; file: string } {
  const dataDir = join(temp.dir, `data-${++n}`);
  mkdirSync(dataDir);
  const file = dbPathOf(dataDir);
  const db = openDatabase(file);
  const { libraryId, rootId } = seedLibrary(db, 'Home', join(dataDir, 'photos'));
  for (let i = 0; i < 100; i++) seedPhoto(db, libraryId, [{ path: join(dataDir, 'photos', `${i}.jpg`), rootId }]);
  db.close();
  return { dataDir, file };
}

/** A data folder whose writer died, and whose `files` table is then damaged on disk; `backedUp`: with a good backup made before. */
async function damagedAfterACrash(backedUp: boolean): Promise<{ dataDir: string; file: string }> {
  const { dataDir, file } = libraryOf100Photos();
  if (backedUp) await makeBackup(dataDir, 'delete-missing', new Date('2026-12-01T12:06:06Z'));
  await crashAWriter(file);
  assert.ok(statSync(`${file}-wal`).size > 0, 'the dead writer left its WAL');
  scribblePage(file, 'files'); // a page the WAL does not hold
  return { dataDir, file };
}

describe('a database damaged after an unclean close', () => {
  it('is refused at open, untouched, naming the latest good backup and the command that restores it', async () => {
    const { dataDir, file } = await damagedAfterACrash(true);
    const bytes = readFileSync(file);
    const wal = readFileSync(`${file}-wal`);
    const expected = new RegExp(
      `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged \\(quick_check: .+\\); it was not changed: restore the latest good backup \\(made before Delete Missing, 2026-12-01T12:06:06Z\\) with: keepsake restore keepsake-delete-missing-20261201T120606Z\\.db --yes$`,
    );
    assert.throws(() => openDatabase(file), (error: unknown) => {
      assert.ok(error instanceof DamagedDatabaseError);
      assert.equal(error.name, 'NotADatabaseError', 'the adapters show it as they show every refused database');
      assert.match(error.message, expected);
      assert.equal(error.backup?.name, 'keepsake-delete-missing-20261201T120606Z.db');
      return true;
    });
    // The app and the CLI open it through the facade: the same message (the app's error dialog shows it).
    assert.throws(() => openKeepsake({ dataDir }), (error: unknown) => expected.test((error as Error).message));
    assert.deepEqual(readFileSync(file), bytes, 'the database file is untouched');
    assert.deepEqual(readFileSync(`${file}-wal`), wal, 'and so is its WAL (nothing was checkpointed into it)');
  });

  it('the app checks at every launch: a database damaged while closed is refused too (a command opens it as before)', async () => {
    const { dataDir, file } = libraryOf100Photos();
    scribblePage(file, 'files');
    const bytes = readFileSync(file);
    assert.throws(() => openKeepsake({ dataDir, checkAtOpen: 'always' }), /is damaged \(quick_check: /);
    assert.deepEqual(readFileSync(file), bytes, 'untouched');
  });

  it('says so when there is no backup yet', async () => {
    const { file } = await damagedAfterACrash(false);
    assert.throws(() => openDatabase(file), /is damaged \(quick_check: .+\); move it away and restore a backup of it, or start a new library \(it was not changed; Keepsake has no backup of it yet\)$/);
  });

  it('a sound database after a crash opens, with what the dead writer committed', async () => {
    const dataDir = join(temp.dir, `data-${++n}`);
    mkdirSync(dataDir);
    const file = dbPathOf(dataDir);
    openDatabase(file).close();
    await crashAWriter(file);
    const db = openDatabase(file);
    assert.equal(db.prepare('SELECT name FROM libraries').pluck().get(), 'written before the crash');
    db.close();
  });
});
