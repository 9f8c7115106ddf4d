import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { copyCorpusPhotos, keepsake, onlyJson, REPO, tempDir, type Run } from '../../test/support/run-cli.ts';

const temps: string[] = [];
const temp = () => {
  const dir = tempDir();
  temps.push(dir);
  return dir;
};
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A failed run: non-zero exit and exactly one `keepsake: …` line on stderr. */
function assertOneLineFailure(run: Run, mentions?: RegExp): void {
  assert.notEqual(run.code, 0, `expected a failure, got exit 0 with ${run.stdout}`);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `expected one stderr line, got: ${run.stderr}`);
  assert.match(lines[0] ?? '', /^keepsake: /);
  if (mentions) assert.match(lines[0] ?? '', mentions);
}

/** Counts rows straight from the database, to prove a refused command changed nothing. */
function counts(dataDir: string): { libraries: number; photos: number; files: number; jobs: number; missing: number } {
  const db = new Database(join(dataDir, 'keepsake.db'), { readonly: true });
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      libraries: one('SELECT count(*) FROM libraries'),
      photos: one('SELECT count(*) FROM photos'),
      files: one('SELECT count(*) FROM files'),
      jobs: one('SELECT count(*) FROM jobs'),
      missing: one("SELECT count(*) FROM photos WHERE availability = 'missing'"),
    };
  } finally {
    db.close();
  }
}

interface ScanJson {
  job_id: string;
  added: number;
  relinked: number;
  unchanged: number;
  hashed: number;
  missing: number;
  errors: number;
}
interface StatsJson {
  library?: string;
  num_photos: number;
  num_missing_photos: number;
  num_offline_photos: number;
  libraries?: { library_name: string }[];
}

describe('keepsake: the missing-photos story on real photos', () => {
  const root = temp();
  const data = join(root, 'data');
  const { folder, names } = copyCorpusPhotos(root);
  const gone = join(folder, 'Canon_40D.jpg');
  let photos = 0;

  test('library add creates the library with its folder', () => {
    const run = keepsake(data, '--json', 'library', 'add', 'Trips', folder);
    assert.equal(run.code, 0, run.stderr);
    const library = onlyJson<{ name: string; roots: { path: string }[] }>(run);
    assert.equal(library.name, 'Trips');
    assert.deepEqual(library.roots.map((r) => r.path), [folder]);
    const list = keepsake(data, 'library', 'list');
    assert.equal(list.code, 0);
    assert.match(list.stdout, /Trips/);
  });

  test('scan --json counts every file as added and hashed, once', () => {
    const run = keepsake(data, 'scan', '--json');
    assert.equal(run.code, 0, run.stderr);
    const scan = onlyJson<ScanJson>(run);
    photos = scan.added;
    assert.doesNotMatch(run.stderr, /\d+%/, 'no progress bar when stderr is not a terminal');
    assert.match(scan.job_id, /^[0-9a-f-]{36}$/);
    assert.equal(scan.hashed, names.length);
    assert.equal(scan.added, names.length, 'every corpus JPEG has its own content, so its own photo');
    assert.equal(scan.unchanged, 0);
    assert.equal(scan.relinked, 0);
    assert.equal(scan.missing, 0);
    assert.ok(scan.errors >= 1, 'corrupted.jpg cannot be decoded: an error, still tracked');

    const again = onlyJson<ScanJson>(keepsake(data, 'scan', '--json'));
    assert.equal(again.hashed, 0, 'unchanged files are never hashed twice');
    assert.equal(again.unchanged, names.length);
    assert.equal(again.added, 0);
  });

  test('a file removed outside the app is found by scan-missing and listed by missing', () => {
    unlinkSync(gone);
    const scan = keepsake(data, 'scan-missing', '--json');
    assert.equal(scan.code, 0, scan.stderr);
    const result = onlyJson<{ newly_missing: number; missing: number; checked: number }>(scan);
    assert.equal(result.newly_missing, 1);
    assert.equal(result.missing, 1);

    const missing = keepsake(data, 'missing', '--json');
    assert.equal(missing.code, 0, missing.stderr);
    const list = onlyJson<{ total: number; photos: { lastKnownPath: string | null }[] }>(missing);
    assert.equal(list.total, 1);
    assert.deepEqual(list.photos.map((p) => p.lastKnownPath), [gone]);
    const human = keepsake(data, 'missing');
    assert.match(human.stdout, /1 missing photo/);
    assert.ok(human.stdout.includes(gone), human.stdout);
  });

  test('stats --json counts the missing photo', () => {
    const stats = onlyJson<StatsJson>(keepsake(data, 'stats', '--json'));
    assert.equal(stats.library, 'Trips');
    assert.equal(stats.num_photos, photos);
    assert.equal(stats.num_missing_photos, 1);
    assert.equal(stats.num_offline_photos, 0);
    const all = onlyJson<StatsJson>(keepsake(data, 'stats', '--all', '--json'));
    assert.equal(all.num_missing_photos, 1);
    assert.deepEqual(all.libraries?.map((l) => l.library_name), ['Trips']);
  });

  test('delete-missing without --yes refuses and changes nothing', () => {
    const before = counts(data);
    const run = keepsake(data, 'delete-missing');
    assertOneLineFailure(run, /--yes/);
    assert.match(run.stderr, /1 photo/);
    assert.equal(run.stdout, '');
    assert.deepEqual(counts(data), before);
  });

  test('delete-missing --yes removes exactly the missing photo', () => {
    const run = keepsake(data, 'delete-missing', '--yes', '--json');
    assert.equal(run.code, 0, run.stderr);
    const result = onlyJson<{ status: boolean; job_id: string; removed: { photos: number; files: number } }>(run);
    assert.equal(result.status, true);
    assert.match(result.job_id, /^[0-9a-f-]{36}$/);
    assert.equal(result.removed.photos, 1);
    const stats = onlyJson<StatsJson>(keepsake(data, 'stats', '--json'));
    assert.equal(stats.num_missing_photos, 0);
    assert.equal(stats.num_photos, photos - 1);
    assert.equal(onlyJson<{ total: number }>(keepsake(data, 'missing', '--json')).total, 0);
  });

  test('roots --json lists the folder as online', () => {
    const run = keepsake(data, 'roots', '--json');
    assert.equal(run.code, 0, run.stderr);
    const result = onlyJson<{ roots: { path: string; state: string }[] }>(run);
    assert.deepEqual(result.roots.map((r) => [r.path, r.state]), [[folder, 'online']]);
  });

  test('locate points a moved folder at its new place and relinks its files', () => {
    const moved = join(root, 'moved-photos');
    renameSync(folder, moved);
    try {
      keepsake(data, 'scan-missing');
      const run = keepsake(data, 'locate', folder, moved, '--json');
      assert.equal(run.code, 0, run.stderr);
      const result = onlyJson<{ relinked: number }>(run);
      assert.equal(result.relinked, photos - 1);
      assert.equal(onlyJson<StatsJson>(keepsake(data, 'stats', '--json')).num_missing_photos, 0);
    } finally {
      if (existsSync(moved)) renameSync(moved, folder);
    }
  });
});

describe('keepsake: bad input exits non-zero with one line and changes nothing', () => {
  const root = temp();
  const data = join(root, 'data');
  const { folder } = copyCorpusPhotos(root);
  const first = keepsake(data, 'library', 'add', 'Home', folder);

  test('setup', () => assert.equal(first.code, 0, first.stderr));

  test('an unknown library', () => {
    const before = counts(data);
    const run = keepsake(data, 'scan', '--library', 'Nope');
    assertOneLineFailure(run, /no library named "Nope".*"Home"/);
    assert.deepEqual(counts(data), before);
  });

  test('a folder that does not exist', () => {
    const before = counts(data);
    const run = keepsake(data, 'library', 'add', 'Other', join(root, 'no-such-folder'));
    assertOneLineFailure(run, /does not exist/);
    assert.deepEqual(counts(data), before);
    // …and with a fresh data folder, nothing is even created.
    const fresh = join(root, 'fresh');
    assertOneLineFailure(keepsake(fresh, 'library', 'add', 'Other', join(root, 'no-such-folder')));
    assert.equal(existsSync(fresh), false);
    const locate = keepsake(data, 'locate', folder, join(root, 'nowhere'));
    assertOneLineFailure(locate, /does not exist/);
    assert.deepEqual(counts(data), before);
  });

  test('an unknown option or command', () => {
    const before = counts(data);
    const flag = keepsake(data, 'stats', '--frobnicate');
    assertOneLineFailure(flag, /unknown option --frobnicate/);
    assert.equal(flag.code, 2);
    assertOneLineFailure(keepsake(data, 'frobnicate'), /unknown command/);
    assertOneLineFailure(keepsake(data, 'stats', '--yes'), /stats does not take --yes/);
    assertOneLineFailure(keepsake(data, 'library', 'add', 'OnlyAName'), /NAME FOLDER/);
    assert.deepEqual(counts(data), before);
  });

  test('no --library with two libraries names them', () => {
    const second = join(root, 'second');
    mkdirSync(second);
    assert.equal(keepsake(data, 'library', 'add', 'Work', second).code, 0);
    const before = counts(data);
    assertOneLineFailure(keepsake(data, 'stats'), /2 libraries \("Home", "Work"\).*--library/);
    assertOneLineFailure(keepsake(data, 'library', 'add', 'Work', second), /already exists/);
    assert.deepEqual(counts(data), before);
    assert.equal(onlyJson<StatsJson>(keepsake(data, 'stats', '--library', 'Work', '--json')).num_photos, 0);
  });

  test('a database that is not one is refused and left byte for byte', () => {
    const bad = join(root, 'bad-data');
    mkdirSync(bad);
    const garbage = randomBytes(8192);
    writeFileSync(join(bad, 'keepsake.db'), garbage);
    for (const args of [['stats'], ['library', 'list'], ['scan'], ['library', 'add', 'X', folder], ['delete-missing', '--yes']]) {
      const run = keepsake(bad, ...args);
      assertOneLineFailure(run, /not a Keepsake database/);
    }
    assert.deepEqual(readFileSync(join(bad, 'keepsake.db')), garbage);
    assert.deepEqual(readdirSync(bad), ['keepsake.db'], 'no -wal, -shm or thumbnails left behind');
  });

  test('only its own database is opened: empty, foreign, read-only or damaged files are refused by name, never converted', () => {
    const cases: { name: string; make: (file: string) => void; says: RegExp }[] = [
      { name: 'empty', make: (file) => writeFileSync(file, ''), says: /keepsake\.db is not a Keepsake database: it is empty \(0 bytes\)/ },
      {
        name: 'foreign',
        make: (file) => {
          const other = new Database(file);
          other.exec('CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES (\'Ada\')');
          other.close();
        },
        says: /keepsake\.db is not a Keepsake database: it is another application's SQLite database; Keepsake leaves it untouched/,
      },
      {
        name: 'foreign-with-id',
        make: (file) => {
          const other = new Database(file);
          other.pragma('application_id = 1234');
          other.exec('CREATE TABLE libraries (x); CREATE TABLE photos (y)');
          other.close();
        },
        says: /belongs to another application \(application id 0x4d2\)/,
      },
    ];
    for (const { name, make, says } of cases) {
      const data = join(root, `db-${name}`);
      mkdirSync(data);
      const file = join(data, 'keepsake.db');
      make(file);
      const bytes = readFileSync(file);
      for (const args of [['stats'], ['library', 'list'], ['scan'], ['library', 'add', 'X', folder]]) assertOneLineFailure(keepsake(data, ...args), says);
      assert.deepEqual(readFileSync(file), bytes, `${name}: left byte for byte`);
    }
    // `--data` naming a file is not "no libraries yet".
    assertOneLineFailure(keepsake('/etc/passwd', 'stats'), /--data \/etc\/passwd is not a folder/);

    // A library whose file cannot be written: reading works, writing says what is wrong.
    const readOnly = join(root, 'db-read-only');
    assert.equal(keepsake(readOnly, 'library', 'add', 'Home', folder).code, 0);
    chmodSync(join(readOnly, 'keepsake.db'), 0o444);
    try {
      if (process.getuid?.() !== 0) {
        assert.equal(keepsake(readOnly, 'stats').code, 0);
        assertOneLineFailure(keepsake(readOnly, 'scan'), /keepsake\.db cannot be written \(the file is read-only\): check that you may write it/);
      }
    } finally {
      chmodSync(join(readOnly, 'keepsake.db'), 0o644);
    }

    // A damaged one is named, with what to do.
    const damaged = join(root, 'db-damaged');
    assert.equal(keepsake(damaged, 'library', 'add', 'Home', folder).code, 0);
    const file = join(damaged, 'keepsake.db');
    const bytes = readFileSync(file);
    bytes.fill(0x55, 100, Math.min(bytes.length, 8192 * 2)); // the schema page, scribbled over
    writeFileSync(file, bytes);
    assertOneLineFailure(keepsake(damaged, 'stats'), /keepsake\.db is damaged \(.*\); move it away and restore a backup of it, or start a new library/);
  });

  test('a data folder without a database: list answers empty, the rest say so, nothing is created', () => {
    const empty = join(root, 'empty-data');
    const list = keepsake(empty, 'library', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(onlyJson(list), { libraries: [] });
    assertOneLineFailure(keepsake(empty, 'stats'), /no libraries yet/);
    assert.equal(existsSync(empty), false);
  });

  test('with --json an error is still one JSON document on stdout', () => {
    const run = keepsake(data, 'stats', '--library', 'Nope', '--json');
    assertOneLineFailure(run);
    const doc = onlyJson<{ error: { code: string; message: string } }>(run);
    assert.equal(doc.error.code, 'not_found');
  });
});

describe('keepsake: output', () => {
  test('--json prints exactly one parseable JSON document for every command', () => {
    const root = temp();
    const data = join(root, 'data');
    const { folder } = copyCorpusPhotos(root);
    const runs: Run[] = [
      keepsake(data, '--json', 'library', 'add', 'One', folder),
      keepsake(data, '--json', 'library', 'list'),
      keepsake(data, '--json', 'scan'),
      keepsake(data, '--json', 'scan-missing'),
      keepsake(data, '--json', 'missing'),
      keepsake(data, '--json', 'missing', '--offline'),
      keepsake(data, '--json', 'stats'),
      keepsake(data, '--json', 'stats', '--all'),
      keepsake(data, '--json', 'roots'),
      keepsake(data, '--json', 'delete-missing', '--yes'),
    ];
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotThrow(() => onlyJson(run), `not one JSON document: ${run.stdout}`);
      assert.equal(typeof onlyJson(run), 'object');
    }
  });

  test('--help and a bare keepsake print the usage; no progress bar when piped', () => {
    for (const run of [keepsake(null, '--help'), keepsake(null)]) {
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Usage: keepsake/);
      assert.match(run.stdout, /delete-missing/);
    }
  });

  test('on a terminal a progress bar is drawn (run under a pseudo-terminal with script(1))', (t) => {
    if (!existsSync('/usr/bin/script')) return t.skip('script(1) is not installed');
    const root = temp();
    const data = join(root, 'data');
    const { folder, names } = copyCorpusPhotos(root);
    assert.equal(keepsake(data, 'library', 'add', 'Tty', folder).code, 0);
    const bin = join(REPO, 'bin', 'keepsake.js');
    const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
    const run = spawnSync('/usr/bin/script', ['-qec', `${quote(process.execPath)} ${quote(bin)} --data ${quote(data)} scan`, '/dev/null'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`Scanning .*\\d+% \\| \\d+/${names.length}`));
    assert.match(run.stdout, /Scanned library "Tty"/);
  });

  test('npx keepsake --help works from the repository root', () => {
    const run = spawnSync('npx', ['--no', '--', 'keepsake', '--help'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Usage: keepsake/);
  });
});
