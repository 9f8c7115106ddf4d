import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { expectedFiles } from './count-files.ts';
import { scanPhotos } from './scan-photos.ts';

describe('Scan Photos progress: the files are counted first, then imported against that total', () => {
  let workers: FileWorkers;
  let lib: TempLibrary;
  before(() => {
    workers = createFileWorkers({ size: 1 });
    lib = makeTempLibrary({ files: { 'a/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg', 'a/b/Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg' } });
    // Files a scan does not import, and folders it does not walk, are not counted either.
    writeFileSync(join(lib.rootDir, 'notes.txt'), 'x');
    mkdirSync(join(lib.rootDir, '.hidden'));
    writeFileSync(join(lib.rootDir, '.hidden', 'x.jpg'), 'x');
    for (let i = 0; i < 8; i++) writeFileSync(join(lib.rootDir, 'a', `stub-${i}.jpg`), `not a picture ${i}`);
  });
  after(async () => {
    await workers.close();
    lib.cleanup();
  });

  it('a first scan: "count" with the running count, then "import" whose total is the count and never grows', async () => {
    const ctx = lib.context();
    const result = await scanPhotos(ctx, workers);
    assert.equal(result.added, 10);
    const phases = [...new Set(ctx.progressLog.map((entry) => entry.phase))];
    assert.deepEqual(phases.slice(0, 2), ['count', 'import']);
    const counts = ctx.progressLog.filter((entry) => entry.phase === 'count');
    assert.equal(counts.at(-1)?.current, 10, 'the count is every file the scan imports');
    const imports = ctx.progressLog.filter((entry) => entry.phase === 'import');
    assert.ok(imports.every((entry) => entry.total === 10), JSON.stringify(imports));
    assert.ok(imports.every((entry, i) => i === 0 || entry.current >= (imports[i - 1] as typeof entry).current), 'current only goes up');
    assert.equal(imports.at(-1)?.current, 10);
  });

  it('a rescan counts nothing: its total is the files it knows', async () => {
    const ctx = lib.context();
    await scanPhotos(ctx, workers);
    assert.ok(!ctx.progressLog.some((entry) => entry.phase === 'count'));
    assert.ok(ctx.progressLog.filter((entry) => entry.phase === 'import').every((entry) => entry.total === 10));
  });

  it("a rescan's total leaves out the root's missing files (counted from the indexes alone)", async () => {
    const gone = lib.db.prepare('SELECT path FROM files WHERE root_id = ? ORDER BY path LIMIT 3').pluck().all(lib.rootId) as string[];
    const flag = lib.db.prepare('UPDATE files SET missing = ? WHERE path = ? AND library_id = ?');
    for (const path of gone) flag.run(1, path, lib.libraryId);
    const options = { signal: new AbortController().signal, onFound: () => undefined };
    try {
      assert.equal(await expectedFiles(lib.db, [{ id: lib.rootId, path: lib.rootDir }], new Set(), options), 7);
    } finally {
      for (const path of gone) flag.run(0, path, lib.libraryId);
    }
    assert.equal(await expectedFiles(lib.db, [{ id: lib.rootId, path: lib.rootDir }], new Set(), options), 10);
  });
});
