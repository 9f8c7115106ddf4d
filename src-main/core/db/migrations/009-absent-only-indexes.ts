/**
 * The two indexes that find what is gone hold only what is gone. `photos_library_availability_since`
 * (the Missing view's order, migration 004) keeps only photos that are not present, and
 * `files_library_missing` becomes `files_missing_by_library`, holding only missing files. A present
 * photo or file — nearly all of them — no longer has an entry there: a first scan writes none, and
 * flagging 10,000 files of a moved folder inserts 10,000 entries instead of also deleting 10,000
 * scattered ones from the present part (that deletion was half of the photos' write, measured).
 * A query that wants the index says so with the index's own term (`availability <> 'present'`,
 * `missing = 1`), which is how SQLite proves a partial index applies.
 */
export const up009 = `
DROP INDEX IF EXISTS photos_library_availability_since;
CREATE INDEX photos_library_availability_since ON photos(library_id, availability, missing_since DESC, image_hash)
  WHERE availability <> 'present';
DROP INDEX IF EXISTS files_library_missing;
CREATE INDEX files_missing_by_library ON files(library_id) WHERE missing = 1;
`;
