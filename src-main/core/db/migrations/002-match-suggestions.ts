/**
 * Suggested matches between a missing photo and a new photo that is probably its edited version
 * (same file name, same capture time, another hash). A rejected pair stays here so that it is never
 * offered again; photos are referenced by hash without a foreign key so those answers outlive them.
 */
export const up002 = `
CREATE TABLE match_suggestions (
  id                   INTEGER PRIMARY KEY,
  library_id           INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  missing_image_hash   TEXT NOT NULL,
  candidate_image_hash TEXT NOT NULL,
  reason               TEXT NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','accepted','rejected')),
  created_at           TEXT NOT NULL,
  resolved_at          TEXT,
  UNIQUE (missing_image_hash, candidate_image_hash)
);
CREATE INDEX match_suggestions_library_status ON match_suggestions(library_id, status);
CREATE INDEX photos_library_captured ON photos(library_id, captured_at);
`;
