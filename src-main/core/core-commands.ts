import type { CommandHandlers, CommandName } from '../../src-shared/contract.ts';

/** Commands that need the desktop shell (a dialog, the file manager) and so are not the core's. */
export type ShellCommand = 'dialog.pickFolder' | 'dialog.pickFile' | 'photos.showInFolder' | 'photos.openInDefaultApp' | 'app.showLogFile';
export type CoreCommand = Exclude<CommandName, ShellCommand>;
export type CoreHandlers = Omit<CommandHandlers, ShellCommand>;

/**
 * Which core commands change the library. A process that opened the library read-only (another
 * process holds the writer lock) refuses every 'write' command; 'read' commands never write, even
 * the probing ones (`roots.list` and `missing.deletePreview` probe without storing what they found
 * there). A new command must be placed here: the type does not compile without it.
 */
export const COMMAND_ACCESS = {
  'library.access': 'read',
  'libraries.list': 'read',
  'libraries.add': 'write',
  'libraries.remove': 'write',
  'libraries.setSidecars': 'write',
  'roots.list': 'read',
  'roots.add': 'write',
  'roots.remove': 'write',
  'roots.locate': 'write',
  'photos.list': 'read',
  'photos.dateGroups': 'read',
  'photos.hashes': 'read',
  'photos.setRatings': 'write',
  'folders.tree': 'read',
  'photos.get': 'read',
  'photos.info': 'read',
  'photos.setRating': 'write',
  'photos.setCaption': 'write',
  'photos.trash': 'write',
  'photos.restore': 'write',
  'photos.deleteForever': 'write',
  'photos.locate': 'write',
  'albums.list': 'read',
  'albums.create': 'write',
  'albums.addPhotos': 'write',
  'albums.removePhotos': 'write',
  'albums.rename': 'write',
  'albums.delete': 'write',
  'missing.list': 'read',
  'missing.folders': 'read',
  'missing.groups': 'read',
  'missing.deletePreview': 'read',
  'matches.list': 'read',
  'matches.resolve': 'write',
  'jobs.start': 'write',
  'jobs.cancel': 'write',
  'jobs.list': 'read',
  'problems.list': 'read',
  'stats.get': 'read',
  'settings.get': 'read',
  'settings.set': 'write',
  'deletions.list': 'read',
  'deletions.undo': 'write',
} as const satisfies Record<CoreCommand, 'read' | 'write'>;
