/**
 * Thumbnails get better over time (HEIC, RAW previews, video posters, sizes for HiDPI screens):
 * each photo records which generation of the thumbnail maker wrote its thumbnail, and the stored
 * thumbnail's own size, so that old ones are found and remade in the background (the partial index
 * holds only photos still to redo) and the grid never stretches a thumbnail past its pixels.
 * Version 1 is every thumbnail written before (256 px); 0 is none yet. Videos get a duration.
 * `settings`: the app's own choices that belong with the library (where ffmpeg is), one row each.
 */
export const up012 = `
ALTER TABLE photos ADD COLUMN thumbnail_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE photos ADD COLUMN thumbnail_width INTEGER;
ALTER TABLE photos ADD COLUMN thumbnail_height INTEGER;
ALTER TABLE photos ADD COLUMN duration_s REAL;
UPDATE photos SET thumbnail_version = 1 WHERE has_thumbnail = 1;
CREATE INDEX photos_thumbnail_redo ON photos(library_id) WHERE thumbnail_version < 2;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;
