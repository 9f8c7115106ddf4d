/**
 * Metadata that outlives the database: ratings, captions, albums and faces kept in XMP sidecars
 * beside the photos (src-main/core/sidecars/).
 *
 * - `libraries.write_sidecars`: the per-library setting. Off for the libraries that exist now (they
 *   were made before Keepsake wrote beside anyone's photos); new libraries turn it on by default.
 * - `albums.parent`: 'Keywords' for the albums made from a sidecar's keywords, NULL for the user's own.
 * - `photos.color_label`: xmp:Label (Lightroom's colour labels), '' for none.
 * - `sidecar_state`: what Keepsake last wrote to, or read from, each photo's sidecar — the base of
 *   the three-way merge that tells an edit made in another app from one made in Keepsake. `digest`
 *   is the MD5 of the file's bytes, as a scan hashes them: a scan that sees other bytes there (its
 *   `files.hash`) has seen an edit made elsewhere.
 * - `sidecar_pending`: photos whose sidecar is still to be written (edited since), kept until it is:
 *   their drive may be unplugged or their folder read-only for weeks. `tried_at` NULL: not tried
 *   since the last edit; `reason`: why the last try did not write it.
 */
export const up013 = `
ALTER TABLE libraries ADD COLUMN write_sidecars INTEGER NOT NULL DEFAULT 0 CHECK (write_sidecars IN (0,1));
ALTER TABLE albums ADD COLUMN parent TEXT;
ALTER TABLE photos ADD COLUMN color_label TEXT NOT NULL DEFAULT '';

CREATE TABLE sidecar_state (
  image_hash TEXT PRIMARY KEY REFERENCES photos(image_hash) ON DELETE CASCADE,
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  digest     TEXT NOT NULL,
  fields     TEXT NOT NULL,
  synced_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sidecar_state_library_path ON sidecar_state(library_id, path);

CREATE TABLE sidecar_pending (
  image_hash TEXT PRIMARY KEY REFERENCES photos(image_hash) ON DELETE CASCADE,
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  changed_at TEXT NOT NULL,
  tried_at   TEXT,
  reason     TEXT
) WITHOUT ROWID;
CREATE INDEX sidecar_pending_library ON sidecar_pending(library_id, tried_at);
`;
