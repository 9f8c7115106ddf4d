/**
 * What the grid and the sidebar do to albums and to the selected photos: create, rename, delete an
 * album, add photos to one, rate or trash many at once. Each says what it did (a toast) or why it
 * could not; none swallows an error.
 */
import type { Album } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { countPhotos } from '../components/job-text.ts';
import { useBrowse } from './browse-store.ts';
import { useBrowseData } from './browse-data-store.ts';
import { notifyError, notifyInfo } from './notifications-store.ts';
import { useSelection } from './selection-store.ts';
import { useUi } from './ui-store.ts';

const reloadAlbums = (libraryId: number): Promise<void> => useBrowseData.getState().loadAlbums(libraryId);

/** A command takes at most 100,000 photos (its request schema's limit): bigger selections go in parts. */
const MAX_PHOTOS = 100_000;
function* parts(imageHashes: readonly string[]): Generator<string[]> {
  for (let i = 0; i < imageHashes.length; i += MAX_PHOTOS) yield imageHashes.slice(i, i + MAX_PHOTOS);
}

/** Creates a user album, with these photos in it when given; resolves with it, or null. */
export async function createAlbum(libraryId: number, title: string, imageHashes: readonly string[] = []): Promise<Album | null> {
  try {
    let album = await call('albums.create', { libraryId, title });
    for (const part of parts(imageHashes)) album = await call('albums.addPhotos', { albumId: album.id, imageHashes: part });
    await reloadAlbums(libraryId);
    notifyInfo('Album created', imageHashes.length > 0 ? `“${album.title}” holds ${countPhotos(album.photoCount)}.` : `“${album.title}” is ready: drag photos onto it.`);
    return album;
  } catch (error) {
    notifyError('Could not create the album', error);
    return null;
  }
}

/** Adds photos to a user album. */
export async function addToAlbum(album: Album, imageHashes: readonly string[]): Promise<boolean> {
  if (imageHashes.length === 0) return false;
  try {
    let after = album;
    for (const part of parts(imageHashes)) after = await call('albums.addPhotos', { albumId: album.id, imageHashes: part });
    await reloadAlbums(album.libraryId);
    const added = after.photoCount - album.photoCount;
    notifyInfo(
      'Added to album',
      added === imageHashes.length ? `${countPhotos(added)} added to “${after.title}”.` : `${countPhotos(added)} added to “${after.title}” (the others were in it already).`,
    );
    return true;
  } catch (error) {
    notifyError('Could not add the photos to the album', error);
    return false;
  }
}

/** Renames a user album. */
export async function renameAlbum(album: Album, title: string): Promise<boolean> {
  try {
    const renamed = await call('albums.rename', { albumId: album.id, title });
    await reloadAlbums(album.libraryId);
    const { source, setSource } = useBrowse.getState();
    if (source.kind === 'album' && source.albumId === album.id) setSource({ kind: 'album', albumId: album.id, title: renamed.title });
    return true;
  } catch (error) {
    notifyError('Could not rename the album', error);
    return false;
  }
}

/** Deletes a user album (never its photos); the grid goes back to all photos if it showed it. */
export async function deleteAlbum(album: Album): Promise<boolean> {
  try {
    const { photoCount } = await call('albums.delete', { albumId: album.id, confirmed: true });
    const { source, setSource } = useBrowse.getState();
    if (source.kind === 'album' && source.albumId === album.id) setSource({ kind: 'all' });
    await reloadAlbums(album.libraryId);
    notifyInfo('Album deleted', `“${album.title}” is gone. Its ${countPhotos(photoCount)} are still in your library.`);
    return true;
  } catch (error) {
    notifyError('Could not delete the album', error);
    return false;
  }
}

/** Rates photos (the grid's 0–5 keys, the selection bar's stars); resolves with whether it was stored. */
export async function ratePhotos(imageHashes: readonly string[], rating: number): Promise<boolean> {
  try {
    for (const part of parts(imageHashes)) await call('photos.setRatings', { imageHashes: part, rating });
    if (imageHashes.length > 1) notifyInfo('Rated', `${countPhotos(imageHashes.length)}: ${rating === 0 ? 'no stars' : `${rating} ${rating === 1 ? 'star' : 'stars'}`}.`);
    return true;
  } catch (error) {
    notifyError('Could not rate the photos', error);
    return false;
  }
}

/**
 * Moves photos to Keepsake's trash (their files are not touched), as the viewer does: no question
 * asked, and Undo in the toast (the Trash view restores them too).
 */
export async function trashPhotos(imageHashes: readonly string[]): Promise<void> {
  try {
    let count = 0;
    for (const part of parts(imageHashes)) count += (await call('photos.trash', { imageHashes: part })).count;
    useSelection.getState().clear();
    notifyInfo('Moved to Trash', `${countPhotos(count)} moved to Keepsake’s trash; their files are untouched.`, 'green', {
      label: 'Undo',
      run: () =>
        void Promise.all([...parts(imageHashes)].map((part) => call('photos.restore', { imageHashes: part }))).then(
          () => useUi.getState().dataChanged(),
          (error: unknown) => notifyError('Could not restore the photos', error),
        ),
    });
  } catch (error) {
    notifyError('Could not move the photos to the trash', error);
  }
}
