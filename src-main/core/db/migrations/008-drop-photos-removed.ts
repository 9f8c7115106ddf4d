/**
 * `photos.removed` goes: nothing ever set it (a photo leaves Keepsake by being deleted, or sits in
 * the trash with `in_trashcan`). No index, trigger or view names it, so SQLite drops it in place.
 */
export const up008 = `
ALTER TABLE photos DROP COLUMN removed;
`;
