/**
 * The live library: when each root was last reconciled (a full Scan Photos, or the catch-up at
 * launch), as an ISO time. The catch-up looks only at folders whose modification time is later:
 * files added, deleted, renamed or moved in a folder change that folder's time.
 */
export const up014 = `
ALTER TABLE roots ADD COLUMN reconciled_at TEXT;
`;
