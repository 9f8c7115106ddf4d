/** Adding folders and libraries through the folder picker; errors are shown, never swallowed. */
import { call } from '../api/client.ts';
import { baseName } from '../lib/format.ts';
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

/** Creates a library holding `folders`, selects it; resolves with its id or null. */
export async function createLibrary(name: string, folders: string[]): Promise<number | null> {
  try {
    const library = await call('libraries.add', { name, folders });
    await useLibraries.getState().load();
    useLibraries.getState().select(library.id);
    void useStats.getState().load();
    notifyInfo('Library added', `“${library.name}” was added.`);
    return library.id;
  } catch (error) {
    notifyError('Could not add the library', error);
    return null;
  }
}

/**
 * "Add a folder": picks a folder and adds it to the selected library as a root, or creates a first
 * library with it when there is none. Resolves with the library id, or null if nothing was added.
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
    notifyInfo('Folder added', `${path} was added. Run Scan Photos to import its photos.`, 'blue');
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

/** "Locate folder…": points a moved or missing folder (or root) at its new place. */
export async function locateFolder(libraryId: number, from: string): Promise<void> {
  const to = await pickFolder(`Locate ${from}`);
  if (!to) return;
  try {
    const result = await call('roots.locate', { libraryId, from, to });
    notifyInfo(
      'Folder located',
      `${result.relinked.toLocaleString()} relinked, ${result.not_found.toLocaleString()} not found, ${result.mismatched.toLocaleString()} mismatched.`,
    );
    await useLibraries.getState().loadRoots(true);
    void useStats.getState().load();
    useUi.getState().dataChanged();
  } catch (error) {
    notifyError('Could not locate the folder', error);
  }
}
