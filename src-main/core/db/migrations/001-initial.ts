/** The first schema: libraries, roots, files, photos, albums, faces, jobs and the stats counters. */
export const up001 = `
CREATE TABLE libraries (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);

-- A folder a library scans. state and the volume columns let a drive that is not mounted be
-- told apart from a folder whose files are gone.
CREATE TABLE roots (
  id               INTEGER PRIMARY KEY,
  library_id       INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  path             TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'online' CHECK (state IN ('online','offline','unreachable','unreadable')),
  state_checked_at TEXT,
  marker_id        TEXT,
  volume_uuid      TEXT,
  volume_label     TEXT,
  mount_point      TEXT,
  added_at         TEXT NOT NULL,
  UNIQUE (library_id, path)
);

-- hash = MD5 hex of the content + the library id (LibrePhotos' calculate_hash).
-- size, mtime_ms, dev and ino let a rescan skip hashing a file that has not changed.
CREATE TABLE files (
  hash          TEXT PRIMARY KEY,
  library_id    INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  root_id       INTEGER REFERENCES roots(id) ON DELETE SET NULL,
  path          TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('IMAGE','VIDEO','METADATA_FILE','RAW_FILE','UNKNOWN')),
  missing       INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0,1)),
  unreadable    INTEGER NOT NULL DEFAULT 0 CHECK (unreadable IN (0,1)),
  size          INTEGER NOT NULL,
  mtime_ms      REAL NOT NULL,
  dev           INTEGER,
  ino           INTEGER,
  missing_since TEXT,
  error         TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX files_library_path ON files(library_id, path);
CREATE INDEX files_library_missing ON files(library_id, missing);
CREATE INDEX files_root ON files(root_id);

-- Other paths where a known file's very content also lives (a copy): remembered so that a rescan
-- neither hashes them again nor flips the file between two paths.
CREATE TABLE file_copies (
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  hash       TEXT NOT NULL REFERENCES files(hash) ON DELETE CASCADE,
  size       INTEGER NOT NULL,
  mtime_ms   REAL NOT NULL,
  dev        INTEGER,
  ino        INTEGER,
  PRIMARY KEY (library_id, path)
) WITHOUT ROWID;
CREATE INDEX file_copies_hash ON file_copies(hash);

-- Embedded media: a file found inside another file (motion photo video, preview JPEG).
CREATE TABLE file_embedded_media (
  file_hash     TEXT NOT NULL REFERENCES files(hash) ON DELETE CASCADE,
  embedded_hash TEXT NOT NULL REFERENCES files(hash) ON DELETE CASCADE,
  PRIMARY KEY (file_hash, embedded_hash)
) WITHOUT ROWID;

-- availability is derived by the one missing rule (src-main/core/photos/availability.ts) and kept
-- here so that lists and counters never recompute it row by row.
CREATE TABLE photos (
  image_hash    TEXT PRIMARY KEY,
  library_id    INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  main_file     TEXT REFERENCES files(hash) ON DELETE SET NULL,
  availability  TEXT NOT NULL DEFAULT 'present' CHECK (availability IN ('present','missing','offline')),
  missing_since TEXT,
  in_trashcan   INTEGER NOT NULL DEFAULT 0 CHECK (in_trashcan IN (0,1)),
  trashed_at    TEXT,
  removed       INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0,1)),
  rating        INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  caption       TEXT NOT NULL DEFAULT '',
  captured_at   TEXT,
  added_at      TEXT NOT NULL,
  width         INTEGER,
  height        INTEGER,
  has_thumbnail INTEGER NOT NULL DEFAULT 0 CHECK (has_thumbnail IN (0,1))
) WITHOUT ROWID;
CREATE INDEX photos_library_availability ON photos(library_id, availability);
CREATE INDEX photos_library_added ON photos(library_id, in_trashcan, captured_at, image_hash);
CREATE INDEX photos_main_file ON photos(main_file);

CREATE TABLE photo_files (
  image_hash TEXT NOT NULL REFERENCES photos(image_hash) ON DELETE CASCADE,
  file_hash  TEXT NOT NULL REFERENCES files(hash) ON DELETE CASCADE,
  PRIMARY KEY (image_hash, file_hash)
) WITHOUT ROWID;
CREATE INDEX photo_files_file ON photo_files(file_hash);

CREATE TABLE albums (
  id         INTEGER PRIMARY KEY,
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('date','thing','place','user')),
  title      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX albums_library_kind ON albums(library_id, kind);

CREATE TABLE album_photos (
  album_id   INTEGER NOT NULL REFERENCES albums(id) ON DELETE CASCADE,
  image_hash TEXT NOT NULL REFERENCES photos(image_hash) ON DELETE CASCADE,
  PRIMARY KEY (album_id, image_hash)
) WITHOUT ROWID;
CREATE INDEX album_photos_photo ON album_photos(image_hash);

CREATE TABLE faces (
  id         INTEGER PRIMARY KEY,
  image_hash TEXT NOT NULL REFERENCES photos(image_hash) ON DELETE CASCADE,
  x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,
  name       TEXT
);
CREATE INDEX faces_photo ON faces(image_hash);

CREATE TABLE jobs (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  type_code   INTEGER NOT NULL,
  library_id  INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled','interrupted')),
  phase       TEXT NOT NULL DEFAULT '',
  current     INTEGER NOT NULL DEFAULT 0,
  total       INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT,
  error       TEXT,
  result      TEXT
);
CREATE INDEX jobs_library_created ON jobs(library_id, created_at);

-- Counters kept by triggers, so stats answer in constant time at a million photos.
CREATE TABLE library_counts (
  library_id  INTEGER PRIMARY KEY REFERENCES libraries(id) ON DELETE CASCADE,
  num_photos  INTEGER NOT NULL DEFAULT 0,
  num_missing INTEGER NOT NULL DEFAULT 0,
  num_offline INTEGER NOT NULL DEFAULT 0,
  num_trashed INTEGER NOT NULL DEFAULT 0,
  last_scan_at TEXT
);
CREATE TABLE library_file_counts (
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  num_files  INTEGER NOT NULL DEFAULT 0,
  bytes      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (library_id, type)
) WITHOUT ROWID;

CREATE TRIGGER libraries_counts_init AFTER INSERT ON libraries BEGIN
  INSERT INTO library_counts(library_id) VALUES (NEW.id);
  INSERT INTO library_file_counts(library_id, type)
    VALUES (NEW.id,'IMAGE'),(NEW.id,'VIDEO'),(NEW.id,'METADATA_FILE'),(NEW.id,'RAW_FILE'),(NEW.id,'UNKNOWN');
END;

CREATE TRIGGER photos_count_insert AFTER INSERT ON photos BEGIN
  UPDATE library_counts SET
    num_photos  = num_photos + 1,
    num_missing = num_missing + (NEW.availability = 'missing'),
    num_offline = num_offline + (NEW.availability = 'offline'),
    num_trashed = num_trashed + NEW.in_trashcan
  WHERE library_id = NEW.library_id;
END;
CREATE TRIGGER photos_count_delete AFTER DELETE ON photos BEGIN
  UPDATE library_counts SET
    num_photos  = num_photos - 1,
    num_missing = num_missing - (OLD.availability = 'missing'),
    num_offline = num_offline - (OLD.availability = 'offline'),
    num_trashed = num_trashed - OLD.in_trashcan
  WHERE library_id = OLD.library_id;
END;
CREATE TRIGGER photos_count_update AFTER UPDATE OF availability, in_trashcan ON photos
WHEN OLD.availability IS NOT NEW.availability OR OLD.in_trashcan IS NOT NEW.in_trashcan BEGIN
  UPDATE library_counts SET
    num_missing = num_missing - (OLD.availability = 'missing') + (NEW.availability = 'missing'),
    num_offline = num_offline - (OLD.availability = 'offline') + (NEW.availability = 'offline'),
    num_trashed = num_trashed - OLD.in_trashcan + NEW.in_trashcan
  WHERE library_id = NEW.library_id;
END;

CREATE TRIGGER files_count_insert AFTER INSERT ON files BEGIN
  UPDATE library_file_counts SET num_files = num_files + 1, bytes = bytes + NEW.size
  WHERE library_id = NEW.library_id AND type = NEW.type;
END;
CREATE TRIGGER files_count_delete AFTER DELETE ON files BEGIN
  UPDATE library_file_counts SET num_files = num_files - 1, bytes = bytes - OLD.size
  WHERE library_id = OLD.library_id AND type = OLD.type;
END;
CREATE TRIGGER files_count_update AFTER UPDATE OF size, type ON files
WHEN OLD.size IS NOT NEW.size OR OLD.type IS NOT NEW.type BEGIN
  UPDATE library_file_counts SET num_files = num_files - 1, bytes = bytes - OLD.size
  WHERE library_id = OLD.library_id AND type = OLD.type;
  UPDATE library_file_counts SET num_files = num_files + 1, bytes = bytes + NEW.size
  WHERE library_id = NEW.library_id AND type = NEW.type;
END;
`;
