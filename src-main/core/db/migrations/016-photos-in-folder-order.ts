import type { Db } from '../open-database.ts';

/**
 * `photos` stored in the order photos came into the library — a folder's photos side by side —
 * instead of by content hash. Keyed by a random MD5, a moved folder's 10,000 photos were spread
 * over every page of the table: flagging them missing rewrote all 2,946 pages of a 100,000-photo
 * library (24 MB to the WAL, then again into the database file at the checkpoint). Stored by rowid,
 * in folder order here and in scan order after, the same change writes 741 pages (measured: the
 * transaction's commit 110–150 ms → 7–12 ms, the whole flag and settle 380 → 200 ms).
 *
 * The content hash stays the photo's identity: a UNIQUE key, which every reference to
 * `photos(image_hash)` points at as before. The grid's order indexes name `image_hash` as their last
 * column: a WITHOUT ROWID table appended it to them implicitly, and it is the grid's tie-break
 * (photos/photo-filter.ts ORDERS), so a page is still read off the index without a sort.
 *
 * The table's own triggers (counters, browse columns) are re-created as they are stored, and so are
 * the triggers of other tables that write photos (they must not exist while `photos` does not).
 * Rebuilding a table needs foreign keys off (see Migration.rebuildsTables).
 */
const PHOTOS = `
CREATE TABLE photos_in_order (
  image_hash    TEXT NOT NULL UNIQUE,
  library_id    INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  main_file     TEXT REFERENCES files(hash) ON DELETE SET NULL,
  availability  TEXT NOT NULL DEFAULT 'present' CHECK (availability IN ('present','missing','offline')),
  missing_since TEXT,
  in_trashcan   INTEGER NOT NULL DEFAULT 0 CHECK (in_trashcan IN (0,1)),
  trashed_at    TEXT,
  rating        INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  caption       TEXT NOT NULL DEFAULT '',
  captured_at   TEXT,
  added_at      TEXT NOT NULL,
  width         INTEGER,
  height        INTEGER,
  has_thumbnail INTEGER NOT NULL DEFAULT 0 CHECK (has_thumbnail IN (0,1)),
  needs_describe INTEGER NOT NULL DEFAULT 0 CHECK (needs_describe IN (0,1)),
  thumbnail_version INTEGER NOT NULL DEFAULT 0,
  thumbnail_width INTEGER,
  thumbnail_height INTEGER,
  duration_s    REAL,
  color_label   TEXT NOT NULL DEFAULT '',
  main_dir      TEXT,
  main_name     TEXT,
  search_text   TEXT
)`;

const COLUMNS = `image_hash, library_id, main_file, availability, missing_since, in_trashcan, trashed_at, rating, caption,
  captured_at, added_at, width, height, has_thumbnail, needs_describe, thumbnail_version, thumbnail_width, thumbnail_height,
  duration_s, color_label, main_dir, main_name, search_text`;

/** The photos indexes, the grid's orders with their tie-break spelled out. */
const INDEXES = `
CREATE INDEX photos_main_file ON photos(main_file);
CREATE INDEX photos_library_order ON photos(library_id, in_trashcan, captured_at, added_at, image_hash);
CREATE INDEX photos_library_added ON photos(library_id, in_trashcan, added_at, image_hash);
CREATE INDEX photos_library_name ON photos(library_id, in_trashcan, main_name COLLATE NOCASE, image_hash);
CREATE INDEX photos_library_folder ON photos(library_id, in_trashcan, main_dir, captured_at, added_at, image_hash);
CREATE INDEX photos_library_availability_since ON photos(library_id, availability, missing_since DESC, image_hash)
  WHERE availability <> 'present';
CREATE INDEX photos_needs_describe ON photos(library_id) WHERE needs_describe = 1;
CREATE INDEX photos_thumbnail_redo ON photos(library_id) WHERE thumbnail_version < 2;
`;

/** Triggers that name `photos` (its own and others'), as stored: dropped before the rebuild, re-created after. */
const photosTriggers = (db: Db): { name: string; sql: string }[] =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (tbl_name = 'photos' OR sql LIKE '%photos%') ORDER BY name`).all() as { name: string; sql: string }[];

export function up016(db: Db): string {
  const triggers = photosTriggers(db);
  return `
${triggers.map((trigger) => `DROP TRIGGER ${trigger.name};`).join('\n')}
${PHOTOS};
-- Folder order: the main file's folder, then its name (photos without one last, by hash).
INSERT INTO photos_in_order (${COLUMNS})
  SELECT ${COLUMNS} FROM photos ORDER BY library_id, main_dir IS NULL, main_dir, main_name, image_hash;
DROP TABLE photos;
ALTER TABLE photos_in_order RENAME TO photos;
${INDEXES}
${triggers.map((trigger) => `${trigger.sql};`).join('\n')}
`;
}
