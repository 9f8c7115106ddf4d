import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

describe('migration 002: match_suggestions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-m002-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies on top of a version-1 database with data, keeping it', () => {
    const db = openDatabase(join(dir, 'k.db'), { upTo: 1 });
    assert.equal(schemaVersion(db), 1);
    db.prepare(`INSERT INTO libraries (name, created_at) VALUES ('L', 'now')`).run();
    migrate(db, MIGRATIONS, 2);
    assert.equal(schemaVersion(db), 2);
    assert.equal(db.prepare('SELECT name FROM libraries').pluck().get(), 'L');
    const insert = db.prepare(
      `INSERT INTO match_suggestions (library_id, missing_image_hash, candidate_image_hash, reason, status, created_at) VALUES (1, 'a', 'b', 'r', ?, 'now')`,
    );
    insert.run('open');
    assert.throws(() => insert.run('open'), /UNIQUE/, 'one row per pair');
    assert.throws(() => db.prepare(`UPDATE match_suggestions SET status = 'maybe'`).run(), /CHECK/);
    // The index that lets the matcher find photos by capture time is there and used.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT image_hash FROM photos WHERE library_id = 1 AND captured_at = 'x'`).all() as { detail: string }[];
    assert.ok(plan.some((row) => /photos_library_captured/.test(row.detail)), JSON.stringify(plan));
    db.prepare('DELETE FROM libraries').run();
    assert.equal(db.prepare('SELECT COUNT(*) FROM match_suggestions').pluck().get(), 0, 'cascades with its library');
    db.close();
  });
});
