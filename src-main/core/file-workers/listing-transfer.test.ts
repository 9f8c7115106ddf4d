import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FolderListing } from '../files/list-folder.ts';
import { packListing, unpackListing } from './listing-transfer.ts';

describe('listing transfer', () => {
  it('a listing packed in columns and cloned as postMessage does comes back equal', () => {
    const listing: FolderListing = {
      folder: '/photos/2024',
      files: [
        { path: '/photos/2024/a.jpg', type: 'IMAGE', size: 1234, mtimeMs: 1717171717171.25, dev: 2049, ino: 2 ** 40 + 7 },
        { path: '/photos/2024/b.mov', type: 'VIDEO', size: 0, mtimeMs: 0, dev: 0, ino: 0 },
      ],
      subfolders: ['/photos/2024/trip'],
      errors: [{ path: '/photos/2024/c.jpg', message: 'EACCES: permission denied', code: 'EACCES' }],
      skipped: [{ path: '/photos/2024/d.jpg', reason: 'not a regular file' }],
      truncated: false,
    };
    assert.deepEqual(unpackListing(structuredClone(packListing(listing))), listing);
  });

  it('an empty listing', () => {
    const listing: FolderListing = { folder: '/x', files: [], subfolders: [], errors: [], skipped: [], truncated: true };
    assert.deepEqual(unpackListing(structuredClone(packListing(listing))), listing);
  });
});
