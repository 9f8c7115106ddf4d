/**
 * The files a scan saw and could not import, each with its reason in words ("permission denied",
 * "name is not valid UTF-8", "path longer than the system allows", "not a regular file", …): one
 * row per path per library, written by Scan Photos and replaced by the next scan of its root (a
 * problem that is gone is removed). `path` is a readable form (bytes that are not UTF-8 shown as
 * \xNN escapes, so two such names never collapse into one); `raw_path` keeps the exact bytes when
 * the readable form is not the path itself. Files that were imported but cannot be decoded keep
 * their reason on their own `files` row (`error`), not here.
 */
export const up011 = `
CREATE TABLE scan_problems (
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  root_id    INTEGER REFERENCES roots(id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  raw_path   BLOB,
  reason     TEXT NOT NULL,
  seen_at    TEXT NOT NULL,
  job_id     TEXT NOT NULL,
  PRIMARY KEY (library_id, path)
) WITHOUT ROWID;
CREATE INDEX scan_problems_root_job ON scan_problems(root_id, job_id);
-- The files that cannot be decoded, listed beside the problems: a few among a million.
CREATE INDEX files_with_error ON files(library_id) WHERE error IS NOT NULL;
`;
