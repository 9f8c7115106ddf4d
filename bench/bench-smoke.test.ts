import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { parseBenchArgs } from './lib/options.ts';
import { formatTable, writeReport } from './lib/report.ts';
import { findSuites, runBench } from './lib/run.ts';
import type { BenchReport } from './lib/types.ts';

// Proves the bench's machinery works end to end at a tiny size. No timing is asserted: speed is
// what `npm run bench` reports, never what a test checks.
const work = mkdtempSync(join(tmpdir(), 'keepsake-bench-smoke-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('the options have the documented defaults and flags', () => {
  const defaults = parseBenchArgs([], {});
  assert.equal(defaults.options.files, 100_000);
  assert.equal(defaults.options.statsPhotos, 1_000_000);
  assert.equal(defaults.options.memoryFiles, 0, 'the 1M-file memory scan only runs with --full');
  const full = parseBenchArgs(['--full', '--files', '5000', '--skip-1m'], {});
  assert.equal(full.options.memoryFiles, 1_000_000);
  assert.equal(full.options.statsPhotos, 5000);
  assert.equal(parseBenchArgs([], { BENCH_FILES: '300' }).options.files, 300);
  assert.throws(() => parseBenchArgs(['--files', 'many'], {}), /whole number/);
});

test('suites are found in bench/suites (the hook for more benchmarks)', async () => {
  const names = (await findSuites()).map((suite) => suite.name);
  assert.ok(names.includes('core'), names.join(','));
});

test('the core suite runs at a tiny size and reports every figure', async () => {
  const report = await runBench({
    files: 200,
    hashMb: 4,
    statsPhotos: 1000,
    memoryFiles: 200,
    cores: 2,
    workDir: work,
    keep: false,
    suites: ['core'],
  });
  assert.deepEqual(report.failures, []);
  const ids = report.rows.map((row) => row.id);
  for (const id of [
    'first_scan_hashing_throughput',
    'first_scan_hashing_fresh_process',
    'first_scan_small_files',
    'rescan_unchanged',
    'scan_missing_throughput',
    'scan_missing_flagging',
    'delete_missing_db',
    'delete_missing_thumbnails',
    'rescan_unchanged_fresh_process',
    'scan_missing_moved_folder_fresh_process',
    'scan_missing_moved_folder_warm',
    'scan_photos_moved_folder_fresh_process',
    'scan_missing_all_gone_fresh_process',
    'delete_missing_fresh_process',
    'stats_one_library',
    'stats_all_libraries',
    'scan_peak_memory',
  ]) {
    assert.ok(ids.includes(id), `row ${id} missing; rows: ${ids.join(', ')}; notes: ${JSON.stringify(report.rows.map((r) => r.notes))}`);
  }
  for (const row of report.rows) {
    assert.ok(!row.id.startsWith('error_'), `${row.metric}: ${row.notes?.join('; ')}`);
    if (row.measured) assert.ok(Number.isFinite(row.measured.value) && row.measured.value >= 0, `${row.id} measured ${row.measured.value}`);
  }
  // What the bench checks besides speed: the rescan hashed nothing, Delete Missing removed every photo.
  const rescan = report.rows.find((row) => row.id === 'rescan_unchanged');
  assert.equal(rescan?.notes?.[0], 'files hashed: 0');
  const removed = report.rows.find((row) => row.id === 'delete_missing_db')?.details?.result as { removed: { photos: number } };
  assert.equal(removed.removed.photos, 200);
  // The fresh-process rows ran the real `keepsake` command and it did the work they describe.
  const freshRescan = report.rows.find((row) => row.id === 'rescan_unchanged_fresh_process');
  assert.equal(freshRescan?.notes?.[0], 'files hashed: 0');
  const moved = report.rows.find((row) => row.id === 'scan_missing_moved_folder_fresh_process')?.details as { movedFiles: number; results: { newly_missing: number }[] };
  assert.ok(moved.movedFiles > 0);
  assert.deepEqual(moved.results.map((result) => result.newly_missing), [moved.movedFiles, moved.movedFiles]);
  const relink = report.rows.find((row) => row.id === 'scan_photos_moved_folder_fresh_process')?.details?.result as { relinked: number; added: number };
  assert.deepEqual([relink.relinked, relink.added], [moved.movedFiles, 0]);
  const freshDelete = report.rows.find((row) => row.id === 'delete_missing_fresh_process')?.details?.result as { removed: { photos: number } };
  assert.equal(freshDelete.removed.photos, 200);
  const freshFirst = report.rows.find((row) => row.id === 'first_scan_hashing_fresh_process')?.details?.result as { hashed: number };
  assert.equal(freshFirst.hashed, 4);
  for (const row of report.rows.filter((entry) => entry.id.endsWith('_fresh_process'))) {
    assert.ok(row.notes?.some((note) => note.includes('start-up')), `${row.id} says what start-up is`);
  }

  const table = formatTable(report.rows);
  assert.match(table, /metric +\| measured +\| machine limit +\| bar +\| result/);
  assert.match(table, /rescan, 200 unchanged files/);
  const file = join(work, 'results', 'latest.json');
  writeReport(file, report);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  assert.equal(saved.rows.length, report.rows.length);
  assert.equal(saved.options.files, 200);
});
