import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchModeFor } from './live-library.ts';

test('network shares are polled: a folder watch does not see what another machine changes there', () => {
  for (const fsType of ['cifs', 'smb3', 'nfs', 'nfs4', 'fuse.sshfs', 'fuse', '9p', 'afpfs', 'davfs']) assert.equal(watchModeFor(fsType, 10, 8192), 'polling-network', fsType);
  for (const fsType of ['ext4', 'btrfs', 'xfs', 'apfs', 'ntfs3', 'vfat', 'exfat', 'tmpfs', '']) assert.equal(watchModeFor(fsType, 10, 8192), 'watching', fsType);
});

test('a root with more folders than half the watch limit is polled; no limit known, it is watched', () => {
  assert.equal(watchModeFor('ext4', 4096, 8192), 'watching');
  assert.equal(watchModeFor('ext4', 4097, 8192), 'polling-limit');
  assert.equal(watchModeFor('ext4', 1_000_000, null), 'watching');
});
