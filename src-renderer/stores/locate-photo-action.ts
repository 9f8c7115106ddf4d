/** "Locate…" one missing photo: the file picker, then 'photos.locate' (the core checks the content); every answer is said. */
import type { MissingPhoto } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { baseName, dirName } from '../lib/format.ts';
import { notifyError, notifyInfo } from './notifications-store.ts';
import { useStats } from './stats-store.ts';
import { useUi } from './ui-store.ts';

/** Picks the file the photo became (opening where it was) and relinks it; resolves with whether it was relinked. */
export async function locatePhoto(photo: MissingPhoto): Promise<boolean> {
  const was = photo.lastKnownPath ?? photo.mainPath;
  const name = baseName(was);
  let picked: string | null;
  try {
    ({ path: picked } = await call('dialog.pickFile', { title: `Locate ${name}`, ...(was ? { near: dirName(was) } : {}) }));
  } catch (error) {
    notifyError('Could not open the file picker', error);
    return false;
  }
  if (picked === null) return false;
  try {
    const { relinkedFile } = await call('photos.locate', { imageHash: photo.imageHash, path: picked });
    notifyInfo(`${name} found`, `Relinked to ${relinkedFile}, with its rating, caption and albums.`);
    void useStats.getState().load();
    useUi.getState().dataChanged();
    return true;
  } catch (error) {
    notifyError(`Could not locate ${name}`, error);
    return false;
  }
}
