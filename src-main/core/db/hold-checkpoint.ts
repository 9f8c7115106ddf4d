import type { Db } from './open-database.ts';

/**
 * Holds back SQLite's automatic WAL checkpoint until the returned function is called, which then
 * runs it at once (PASSIVE: never waits for readers or writers) and turns the automatic one back on.
 * After a large delete the checkpoint copies ~100 MB of pages back into the database file. Left
 * automatic, the first small write after the commit (a progress update) would do it on the spot;
 * held, the caller runs it while the thumbnails are removed in a worker thread, side by side.
 *
 * `upToPages`: hold it only until the WAL holds that many pages (it then runs as usual), so that a
 * job of many commits batches its checkpoints without letting the WAL file grow without bound.
 */
export function holdCheckpoint(db: Db, upToPages = 0): () => void {
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(upToPages))}`);
  return () => {
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  };
}
