/**
 * The Missing view's words: why a group's photos are not there, what to do about it, and the short
 * reason each photo's row carries. One place, so the header, the row and the tests say the same.
 */
import type { MissingGroup, MissingReason } from '../../../src-shared/domain.ts';
import { countPhotos } from '../../components/job-text.ts';
import { baseName } from '../../lib/format.ts';

/** A drive's own name (its volume label); null when Keepsake knows only its folder. */
const labelOf = (group: Pick<MissingGroup, 'driveName' | 'rootPath' | 'folder'>): string | null =>
  group.driveName !== null && group.driveName !== group.rootPath && group.driveName !== group.folder ? group.driveName : null;

/** "the folder is gone", "the drive “USB” is not connected": the group's reason, in words. */
export function reasonText(group: Pick<MissingGroup, 'reason' | 'count' | 'driveName' | 'rootPath' | 'folder'>): string {
  const many = group.count !== 1;
  const label = labelOf(group);
  switch (group.reason) {
    case 'folder_gone':
      return 'the folder is gone';
    case 'file_gone':
      return many ? 'their files are gone from the folder' : 'its file is gone from the folder';
    case 'offline':
      return label ? `the drive “${label}” is not connected` : 'its drive is not connected';
    case 'unreachable':
      return label ? `the drive “${label}” does not answer` : 'its drive does not answer';
    case 'unreadable':
      return 'the folder cannot be read';
    case 'unknown_place':
      return many ? 'no file of theirs is known' : 'no file of it is known';
  }
}

/** What the user can do about a group, in one sentence. */
export function whatNowText(reason: MissingReason): string {
  switch (reason) {
    case 'folder_gone':
      return 'Moved or renamed it? Locate folder… points Keepsake at its new place, and every photo in it comes back.';
    case 'file_gone':
      return 'Moved or renamed? Scan Photos finds them anywhere in the library by their content; or Locate… each one.';
    case 'offline':
      return 'Connect the drive and they come back by themselves; Locate folder… if it is now somewhere else.';
    case 'unreachable':
      return 'A network drive may be asleep: wake it, then Scan Photos.';
    case 'unreadable':
      return 'Keepsake is not allowed to read this folder: allow it, then Scan Photos.';
    case 'unknown_place':
      return 'Keepsake keeps them with their ratings and albums; Delete Missing Photos removes them if you want.';
  }
}

/** The short reason on a photo's row: "file gone", "folder gone", "drive offline", "cannot be read". */
export const ROW_REASON: Readonly<Record<MissingReason, string>> = {
  file_gone: 'file gone',
  folder_gone: 'folder gone',
  offline: 'drive offline',
  unreachable: 'drive not answering',
  unreadable: 'cannot be read',
  unknown_place: 'place unknown',
};

/** The group's title: "Trip-Japan — 15 photos — the folder is gone". */
export function groupTitle(group: MissingGroup): string {
  const name = group.folder === null ? 'Unknown place' : baseName(group.folder);
  return `${name} — ${countPhotos(group.count)} — ${reasonText(group)}`;
}
