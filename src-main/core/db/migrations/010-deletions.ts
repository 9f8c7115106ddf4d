/**
 * What Delete Missing and Delete forever removed, so that it can be undone for 30 days: one row per
 * deletion (the photos' list lives in a file beside its held thumbnails, not in 100,000 rows here:
 * the row is written in the delete's own transaction, which must stay fast). The row is also the
 * journal of the thumbnails' move into the holding folder: `thumbnails_held` = 0 after a crash
 * means the next start finishes the move.
 */
export const up010 = `
CREATE TABLE deletions (
  job_id          TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('delete_missing', 'delete_forever')),
  library_id      INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  deleted_at      TEXT NOT NULL,
  backup_name     TEXT NOT NULL,
  photos          INTEGER NOT NULL,
  faces           INTEGER NOT NULL,
  album_links     INTEGER NOT NULL,
  thumbnails_held INTEGER NOT NULL DEFAULT 0,
  undone_at       TEXT,
  undo_result     TEXT
);
CREATE INDEX deletions_library_time ON deletions(library_id, deleted_at);
`;
