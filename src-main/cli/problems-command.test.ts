import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CORPUS_JPG, keepsake, onlyJson, tempDir } from '../../test/support/run-cli.ts';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

test('keepsake problems lists each file a scan could not import, with its reason (--json and text), read-only', () => {
  const data = join(dir, 'data');
  const photos = join(dir, 'photos');
  mkdirSync(photos);
  copyFileSync(join(CORPUS_JPG, 'Canon_40D.jpg'), join(photos, 'good.jpg'));
  copyFileSync(join(CORPUS_JPG, 'corrupted.jpg'), join(photos, 'broken.jpg'));
  writeFileSync(Buffer.concat([Buffer.from(`${photos}/caf`), Buffer.from([0xe9]), Buffer.from('.jpg')]), 'x');
  execFileSync('mkfifo', [join(photos, 'pipe.jpg')]);
  assert.equal(keepsake(data, 'library', 'add', 'Family', photos).code, 0);
  const scan = keepsake(data, '--json', 'scan');
  assert.equal(scan.code, 0, scan.stderr);
  assert.equal(onlyJson<{ problems: number }>(scan).problems, 3);

  const run = keepsake(data, '--json', 'problems', '--library', 'Family');
  assert.equal(run.code, 0, run.stderr);
  const answer = onlyJson<{ total: number; problems: { path: string; reason: string; seen_at: string | null }[] }>(run);
  assert.equal(answer.total, 3);
  assert.deepEqual(
    answer.problems.map((p) => [p.path, p.reason.replace(/:.*/, ':')]),
    [
      [join(photos, 'broken.jpg'), 'cannot decode:'],
      [join(photos, 'caf\\xe9.jpg'), 'name is not valid UTF-8'],
      [join(photos, 'pipe.jpg'), 'not a regular file'],
    ],
  );
  const text = keepsake(data, 'problems');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /3 files of library "Family" could not be imported:/);
  assert.match(text.stdout, /caf\\xe9\.jpg: name is not valid UTF-8/);
});
