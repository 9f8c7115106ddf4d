/**
 * Which photos still wait for their thumbnail and capture date, as a flag with a partial index:
 * a scan starts by picking up photos an interrupted scan left undescribed, and finding them used
 * to read every photo of the library with its main file (227 ms at 100,000 photos, on every
 * rescan). The index holds only the photos in flight, so it costs nothing to keep.
 */
export const up006 = `
ALTER TABLE photos ADD COLUMN needs_describe INTEGER NOT NULL DEFAULT 0 CHECK (needs_describe IN (0,1));
UPDATE photos SET needs_describe = 1
  WHERE has_thumbnail = 0 AND width IS NULL
    AND EXISTS (SELECT 1 FROM files f WHERE f.hash = photos.main_file AND f.error IS NULL AND f.type IN ('IMAGE', 'RAW_FILE'));
CREATE INDEX photos_needs_describe ON photos(library_id) WHERE needs_describe = 1;
`;
