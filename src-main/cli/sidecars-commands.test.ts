import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SIDECARS_EXPLAINED } from '../../src-shared/sidecar-texts.ts';
import { writeSidecarXmp } from '../core/sidecars/sidecar-xmp.ts';
import { CORPUS_JPG, keepsake, onlyJson, tempDir } from '../../test/support/run-cli.ts';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

interface Counts {
  written: number;
  read: number;
  skipped: number;
  problems: number;
  changes: { path: string; field: string; from: string; to: string }[];
}

test('keepsake sidecars write / read: counts in --json (written, read, skipped, problems)', () => {
  const data = join(dir, 'data');
  const photos = join(dir, 'photos');
  mkdirSync(photos);
  for (const name of ['Canon_40D.jpg', 'Nikon_D70.jpg', 'Pentax_K10D.jpg']) copyFileSync(join(CORPUS_JPG, name), join(photos, name));
  const added = keepsake(data, 'library', 'add', 'Family', photos);
  assert.equal(added.code, 0, added.stderr);
  assert.ok(added.stdout.includes(SIDECARS_EXPLAINED), 'the setting is explained when the library is added');
  assert.equal(keepsake(data, 'scan').code, 0);

  const write = keepsake(data, '--json', 'sidecars', 'write');
  assert.equal(write.code, 0, write.stderr);
  const written = onlyJson<Counts>(write);
  assert.deepEqual([written.written, written.read, written.skipped, written.problems], [3, 0, 0, 0]);
  const sidecar = join(photos, 'Canon_40D.jpg.xmp');
  assert.ok(existsSync(sidecar));

  // Another app rates it 5, later.
  writeFileSync(sidecar, writeSidecarXmp(readFileSync(sidecar, 'utf8'), { rating: 5, label: '', caption: '', subjects: [], hierarchical: [], faces: [], dimensions: null }));
  const later = new Date(Date.now() + 60_000);
  utimesSync(sidecar, later, later);
  const read = keepsake(data, '--json', 'sidecars', 'read', '--library', 'Family');
  assert.equal(read.code, 0, read.stderr);
  const counts = onlyJson<Counts>(read);
  assert.deepEqual([counts.written, counts.read, counts.skipped, counts.problems], [0, 1, 0, 0]);
  assert.deepEqual(counts.changes.map((c) => [c.path, c.field, c.from, c.to]), [[sidecar, 'rating', '0', '5']]);
  const human = keepsake(data, 'sidecars', 'write');
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /written\s+0/);
  assert.match(human.stdout, /unchanged\s+3/);
});

test('keepsake sidecars: subcommands and a library without sidecars', () => {
  const data = join(dir, 'data2');
  const photos = join(dir, 'photos2');
  mkdirSync(photos);
  copyFileSync(join(CORPUS_JPG, 'Canon_40D.jpg'), join(photos, 'Canon_40D.jpg'));
  const added = keepsake(data, '--json', 'library', 'add', 'Plain', photos, '--no-sidecars');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(onlyJson<{ writeSidecars: boolean }>(added).writeSidecars, false);
  assert.equal(keepsake(data, 'sidecars').code, 2);
  assert.equal(keepsake(data, 'sidecars', 'write', 'extra').code, 2);
  assert.equal(keepsake(data, 'sidecars', 'erase').code, 2);
  const read = keepsake(data, '--json', 'sidecars', 'read');
  assert.equal(read.code, 0, read.stderr);
  assert.deepEqual(onlyJson<Counts>(read).skipped, 0, 'not scanned yet: no photos');
});
