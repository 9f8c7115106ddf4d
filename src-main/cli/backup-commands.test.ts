import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { scribblePage } from '../../test/support/damage-database.ts';
import { copyCorpusPhotos, keepsake, onlyJson, REPO, tempDir, type Run } from '../../test/support/run-cli.ts';
import { tryTakeWriterLock } from '../core/data-folder/writer-lock.ts';

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

interface BackupsJson {
  folder: string;
  backups: { name: string; reason: string; created_at: string; bytes: number; path: string }[];
}
interface StatsJson {
  num_photos: number;
  num_missing_photos: number;
}

/** Exactly one `keepsake: …` line on stderr, matching `says`. */
function oneErrorLine(run: Run, says: RegExp): void {
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `expected one stderr line, got: ${run.stderr}`);
  assert.match(lines[0] as string, /^keepsake: /);
  assert.match(lines[0] as string, says);
}

const photosOf = (data: string): StatsJson => onlyJson<StatsJson>(keepsake(data, 'stats', '--json'));

/** A library of the corpus photos, scanned, with 3 of them deleted from disk and flagged missing. */
function libraryWithMissing(): { data: string; total: number } {
  const root = tempDir();
  temps.push(root);
  const data = join(root, 'data');
  const { folder, names } = copyCorpusPhotos(root);
  assert.equal(keepsake(data, 'library', 'add', 'Home', folder).code, 0);
  assert.equal(keepsake(data, 'scan').code, 0);
  const total = photosOf(data).num_photos;
  for (const name of names.slice(0, 3)) rmSync(join(folder, name));
  assert.equal(keepsake(data, 'scan-missing').code, 0);
  assert.equal(photosOf(data).num_missing_photos, 3);
  return { data, total };
}

describe('keepsake backups and keepsake restore', () => {
  test('backups lists none, then the one delete-missing made; restore NAME --yes brings the deleted photos back', () => {
    const { data, total } = libraryWithMissing();
    const none = onlyJson<BackupsJson>(keepsake(data, 'backups', '--json'));
    assert.deepEqual(none.backups, []);
    assert.match(keepsake(data, 'backups').stdout, /No backups yet/);

    assert.equal(keepsake(data, 'delete-missing', '--yes').code, 0);
    assert.equal(photosOf(data).num_photos, total - 3);
    const listed = keepsake(data, 'backups', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    const [backup, ...others] = onlyJson<BackupsJson>(listed).backups;
    assert.equal(others.length, 0);
    assert.match(backup?.name ?? '', /^keepsake-delete-missing-\d{8}T\d{6}Z\.db$/);
    assert.equal(backup?.reason, 'delete-missing');
    assert.match(backup?.created_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(backup?.bytes, statSync(backup?.path as string).size);
    const name = backup?.name as string;
    assert.match(keepsake(data, 'backups').stdout, new RegExp(`1 backup in .*\\n.*\\n${name.replace(/\./g, '\\.')}  delete-missing`));

    // Without --yes: refused, saying what would be replaced; nothing changes.
    const database = readFileSync(join(data, 'keepsake.db'));
    const refused = keepsake(data, 'restore', name);
    assert.equal(refused.code, 1);
    oneErrorLine(refused, new RegExp(`restore would replace the library database .*keepsake\\.db \\(.*\\) with backup ${name.replace(/\./g, '\\.')} \\(made before Delete Missing, .*\\); the current database is backed up first; run it again with --yes to confirm`));
    assert.deepEqual(readFileSync(join(data, 'keepsake.db')), database);

    const restored = keepsake(data, 'restore', name, '--yes', '--json');
    assert.equal(restored.code, 0, restored.stderr);
    const answer = onlyJson<{ restored: { name: string }; saved: { name: string; reason: string } | null }>(restored);
    assert.equal(answer.restored.name, name);
    assert.equal(answer.saved?.reason, 'before-restore');
    const stats = photosOf(data);
    assert.equal(stats.num_photos, total, 'the deleted photos are back');
    assert.equal(stats.num_missing_photos, 3);
    assert.deepEqual(
      onlyJson<BackupsJson>(keepsake(data, 'backups', '--json')).backups.map((one) => one.reason),
      ['before-restore', 'delete-missing'],
    );
  });

  test('restore is refused with exit 75 while another process holds the library; backups still lists', () => {
    const { data } = libraryWithMissing();
    assert.equal(keepsake(data, 'delete-missing', '--yes').code, 0);
    const [backup] = onlyJson<BackupsJson>(keepsake(data, 'backups', '--json')).backups;
    const lock = tryTakeWriterLock(data, { kind: 'app', command: 'Keepsake app' });
    assert.ok(lock);
    try {
      const database = readFileSync(join(data, 'keepsake.db'));
      const run = keepsake(data, 'restore', backup?.name as string, '--yes');
      assert.equal(run.code, 75);
      oneErrorLine(run, new RegExp(`this library is in use by the Keepsake app \\(pid ${process.pid}\\); close it or run the command from the app`));
      assert.deepEqual(readFileSync(join(data, 'keepsake.db')), database);
      const listed = keepsake(data, 'backups', '--json');
      assert.equal(listed.code, 0, listed.stderr);
      assert.equal(onlyJson<BackupsJson>(listed).backups.length, 1);
    } finally {
      lock.release();
    }
  });

  test('restore refuses an unknown name or a path, and takes exactly one name', () => {
    const { data } = libraryWithMissing();
    assert.equal(keepsake(data, 'delete-missing', '--yes').code, 0);
    for (const name of ['keepsake-delete-missing-20990101T000000Z.db', '../keepsake.db', join(data, 'keepsake.db')]) {
      const run = keepsake(data, 'restore', name, '--yes');
      assert.equal(run.code, 1);
      oneErrorLine(run, /no backup named ".*" in .* \(newest: keepsake-delete-missing-.*; see keepsake backups\)/);
    }
    const usage = keepsake(data, 'restore', '--yes');
    assert.equal(usage.code, 2);
    oneErrorLine(usage, /restore takes one backup name/);
    oneErrorLine(keepsake(data, 'backups', '--yes'), /backups does not take --yes/);
  });

  test('a damaged database after a crash: a write command says so in one line naming the backup, and restore brings it back', async () => {
    const { data, total } = libraryWithMissing();
    assert.equal(keepsake(data, 'delete-missing', '--yes').code, 0);
    const [backup] = onlyJson<BackupsJson>(keepsake(data, 'backups', '--json')).backups;
    const file = join(data, 'keepsake.db');
    // A writer killed -9 leaves its WAL; then a page of the file is lost.
    const child = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.prepare("UPDATE libraries SET name = name").run(); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`, file], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    scribblePage(file, 'files');
    const bytes = readFileSync(file);
    const run = keepsake(data, 'scan');
    assert.equal(run.code, 1);
    oneErrorLine(run, new RegExp(`keepsake\\.db is damaged \\(quick_check: .+\\); it was not changed: restore the latest good backup \\(made before Delete Missing, .*\\) with: keepsake restore ${(backup?.name as string).replace(/\./g, '\\.')} --yes$`));
    assert.deepEqual(readFileSync(file), bytes, 'untouched');

    const restored = keepsake(data, 'restore', backup?.name as string, '--yes');
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /replaced database {2}damaged: moved to .*backups\/damaged-\d{8}T\d{6}Z-\d+\.db, .*\.db-wal/, 'kept as it was, not deleted');
    assert.equal(photosOf(data).num_photos, total);
    assert.equal(keepsake(data, 'scan').code, 0);
  });
});
