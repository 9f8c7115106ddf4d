/**
 * The library grid's order as an index: newest capture first (photos without a capture time last),
 * then newest added. With it a page of 500 photos is read straight off the index instead of sorting
 * the whole library for every page. It covers every query the old (library_id, in_trashcan,
 * captured_at) index served, so that one goes (one fewer index for each insert and delete to keep).
 */
export const up003 = `
DROP INDEX IF EXISTS photos_library_added;
CREATE INDEX photos_library_order ON photos(library_id, in_trashcan, captured_at, added_at);
`;
