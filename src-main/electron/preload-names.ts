/**
 * The contract's command and event names as plain literals, for the preload. Importing them from
 * src-shared/contract.ts would bundle zod (its schemas build at load time) into every page load:
 * 740 kB instead of a few. The types below make the compiler reject a list that misses or adds a
 * name, and preload-names.test.ts checks lists and channels against the contract at run time.
 */
import type { CommandName, EventName } from '../../src-shared/contract.ts';

/** Every command the page may invoke. */
export const PRELOAD_COMMANDS = [
  'libraries.list',
  'libraries.add',
  'libraries.remove',
  'roots.list',
  'roots.add',
  'roots.remove',
  'roots.locate',
  'dialog.pickFolder',
  'photos.list',
  'photos.get',
  'photos.setRating',
  'photos.setCaption',
  'photos.trash',
  'photos.restore',
  'photos.deleteForever',
  'photos.showInFolder',
  'albums.list',
  'albums.create',
  'albums.addPhotos',
  'albums.removePhotos',
  'missing.list',
  'missing.folders',
  'missing.deletePreview',
  'matches.list',
  'matches.resolve',
  'jobs.start',
  'jobs.cancel',
  'jobs.list',
  'stats.get',
] as const satisfies readonly CommandName[];

/** Every event the page may listen to. */
export const PRELOAD_EVENTS = ['job.progress', 'job.finished', 'library.changed'] as const satisfies readonly EventName[];

// Compile-time: a contract name missing from the lists above is an error here.
type Exhaustive<Missing> = [Missing] extends [never] ? true : Missing;
const _allCommands: Exhaustive<Exclude<CommandName, (typeof PRELOAD_COMMANDS)[number]>> = true;
const _allEvents: Exhaustive<Exclude<EventName, (typeof PRELOAD_EVENTS)[number]>> = true;
void _allCommands;
void _allEvents;

/** Same as the contract's `commandChannel` (checked by test). */
export const preloadCommandChannel = (command: CommandName): string => `keepsake:cmd:${command}`;
/** Same as the contract's `eventChannel` (checked by test). */
export const preloadEventChannel = (event: EventName): string => `keepsake:evt:${event}`;
