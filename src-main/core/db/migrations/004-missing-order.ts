/**
 * The Missing view's order as an index: a library's photos of one availability, most recently gone
 * first, then by hash (unique, so pages never overlap). A page of the Missing (or Offline) list is
 * read straight off it — no sort of 100,000 rows per page — and a far OFFSET only walks index
 * entries. It serves every query the old (library_id, availability) index served (same prefix), so
 * that one goes: one fewer index to keep on every availability change.
 */
export const up004 = `
CREATE INDEX photos_library_availability_since ON photos(library_id, availability, missing_since DESC, image_hash);
DROP INDEX IF EXISTS photos_library_availability;
`;
