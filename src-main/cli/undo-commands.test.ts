import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { copyCorpusPhotos, keepsake, onlyJson, tempDir } from '../../test/support/run-cli.ts';

describe('keepsake deleted / undo-delete', () => {
  const root = tempDir();
  after(() => rmSync(root, { recursive: true, force: true }));
  const data = join(root, 'data');
  const { folder, names } = copyCorpusPhotos(root);

  test('a Delete Missing is listed and undone from the command line, the latest by default', () => {
    assert.equal(keepsake(data, 'library', 'add', 'Home', folder).code, 0);
    assert.equal(keepsake(data, 'scan').code, 0);
    const photos = onlyJson<{ num_photos: number }>(keepsake(data, 'stats', '--json')).num_photos;
    mkdirSync(join(root, 'away'));
    for (const name of names.slice(0, 3)) renameSync(join(folder, name), join(root, 'away', name));
    assert.equal(keepsake(data, 'scan-missing').code, 0);
    const deleted = onlyJson<{ job_id: string; removed: { photos: number } }>(keepsake(data, 'delete-missing', '--yes', '--json'));
    assert.ok(deleted.removed.photos >= 3);

    const listed = onlyJson<{ deletions: { job_id: string; kind: string; photos: number; undoable_until: string }[] }>(keepsake(data, 'deleted', '--json'));
    assert.equal(listed.deletions.length, 1);
    assert.equal(listed.deletions[0]?.job_id, deleted.job_id);
    assert.equal(listed.deletions[0]?.kind, 'delete_missing');
    assert.equal(listed.deletions[0]?.photos, deleted.removed.photos);

    const undone = keepsake(data, 'undo-delete', '--json');
    assert.equal(undone.code, 0, undone.stderr);
    assert.equal(onlyJson<{ restored: number }>(undone).restored, deleted.removed.photos);
    assert.equal(onlyJson<{ num_photos: number }>(keepsake(data, 'stats', '--json')).num_photos, photos);
    assert.deepEqual(onlyJson<{ deletions: unknown[] }>(keepsake(data, 'deleted', '--json')).deletions, []);
    const again = keepsake(data, 'undo-delete');
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /^keepsake: nothing to undo: no deletion in the last 30 days/);
    assert.match(keepsake(data, 'undo-delete', deleted.job_id).stderr, /undone already/);
  });
});
