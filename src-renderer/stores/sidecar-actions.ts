/** The per-library sidecars setting, turned on or off from Settings. */
import { call } from '../api/client.ts';
import { useLibraries } from './libraries-store.ts';
import { notifyError, notifyInfo } from './notifications-store.ts';

/** Turns a library's sidecars on (every sidecar is then written, as a job with progress) or off. */
export async function setLibrarySidecars(libraryId: number, enabled: boolean): Promise<void> {
  try {
    const { library, jobId } = await call('libraries.setSidecars', { libraryId, enabled });
    await useLibraries.getState().load();
    if (enabled && jobId !== null) notifyInfo('Writing sidecars', `Every photo of “${library.name}” gets an .xmp sidecar beside it; see the progress in Jobs.`, 'blue');
    else if (!enabled) notifyInfo('Sidecars off', `Keepsake keeps the metadata of “${library.name}” in its database only; the sidecars already written stay where they are.`, 'blue');
  } catch (error) {
    notifyError('Could not change the sidecars setting', error);
  }
}
