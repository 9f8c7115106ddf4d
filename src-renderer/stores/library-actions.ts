/** Adding folders and libraries through the folder picker; errors are shown, never swallowed. */
import { call } from '../api/client.ts';
import { baseName } from '../lib/format.ts';
import { startScan } from './job-actions.ts';
import { useLibraries } from './libraries-store.ts';
import { notifyError, notifyInfo } from './notifications-store.ts';
import { useStats } from './stats-store.ts';
import { useUi } from './ui-store.ts';

/** Opens the folder picker; resolves with the chosen path or null when cancelled / failed. */
export async function pickFolder(title: string): Promise<string | null> {
  try {
    const { path } = await call('dialog.pickFolder', { title });
    return path;
  } catch (error) {
    notifyError('Could not open the folder picker', error);
    return null;
  }
}

/** Creates a library holding `folders`, selects it and (with folders) starts Scan Photos on it; resolves with its id or null. */
export async function createLibrary(name: string, folders: string[], writeSidecars = true): Promise<number | null> {
  try {
    const library = await call('libraries.add', { name, folders, writeSidecars });
    await useLibraries.getState().load();
    useLibraries.getState().select(library.id);
    void useStats.getState().load();
    // A folder is added to be looked at: its photos are imported at once.
    if (folders.length > 0) void startScan('scan_photos', library.id);
    notifyInfo('Library added', folders.length > 0 ? `“${library.name}” was added. Its photos are being imported.` : `“${library.name}” was added.`);
    return library.id;
  } catch (error) {
    notifyError('Could not add the library', error);
    return null;
  }
}

/**
 * "Add a folder": picks a folder and adds it to the selected library as a root, or creates a first
 * library with it when there is none, then starts Scan Photos to import it. Resolves with the
 * library id, or null if nothing was added.
 */
export async function addFolder(): Promise<number | null> {
  const path = await pickFolder('Add a folder of photos');
  if (!path) return null;
  const libraryId = useLibraries.getState().selectedId;
  if (libraryId === null) return createLibrary(baseName(path) || 'My Photos', [path]);
  try {
    await call('roots.add', { libraryId, path });
    await useLibraries.getState().load();
    await useLibraries.getState().loadRoots(true);
    void startScan('scan_photos', libraryId);
    notifyInfo('Folder added', `${path} was added. Its photos are being imported.`, 'blue');
    return libraryId;
  } catch (error) {
    notifyError('Could not add the folder', error);
    return null;
  }
}

/** Removes a root from its library (its photos' files are not touched on disk). */
export async function removeRoot(rootId: number): Promise<void> {
  try {
    await call('roots.remove', { rootId });
    await useLibraries.getState().load();
    await useLibraries.getState().loadRoots(false);
  } catch (error) {
    notifyError('Could not remove the folder', error);
  }
}

/** What Locate folder did, in words: "3 files relinked. 1 was not at the new place." */
export function locateSummary(result: { relinked: number; not_found: number; mismatched: number }): string {
  const files = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'file' : 'files'}`;
  const parts = [result.relinked === 0 ? 'No file was relinked.' : `${files(result.relinked)} relinked.`];
  if (result.not_found > 0) parts.push(`${files(result.not_found)} ${result.not_found === 1 ? 'was' : 'were'} not at the new place.`);
  if (result.mismatched > 0) parts.push(`${files(result.mismatched)} there ${result.mismatched === 1 ? 'is' : 'are'} different (other content): left as they were.`);
  return parts.join(' ');
}

/** "Locate folder…": points a moved or missing folder (or root) at its new place. */
export async function locateFolder(libraryId: number, from: string): Promise<void> {
  const to = await pickFolder(`Locate ${from}`);
  if (!to) return;
  try {
    const result = await call('roots.locate', { libraryId, from, to });
    notifyInfo('Folder located', locateSummary(result), result.relinked === 0 ? 'yellow' : 'green');
    await useLibraries.getState().loadRoots(true);
    void useStats.getState().load();
    useUi.getState().dataChanged();
  } catch (error) {
    notifyError('Could not locate the folder', error);
  }
}
