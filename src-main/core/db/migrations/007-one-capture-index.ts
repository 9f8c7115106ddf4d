/**
 * One index fewer on photos: `photos_library_captured` (library_id, captured_at) goes. The matcher
 * that pairs missing photos with edited versions by capture time reads the grid's order index
 * (library_id, in_trashcan, captured_at, added_at) instead, with `in_trashcan IN (0, 1)`: two index
 * probes per lookup instead of one, on a job that runs after scans. In exchange every photo added or
 * removed keeps five b-trees instead of six: Delete Missing of 100,000 photos and a first scan both
 * write less.
 */
export const up007 = `
DROP INDEX IF EXISTS photos_library_captured;
`;
