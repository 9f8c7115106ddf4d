/** The sidebar's browsing part, under the main views: the selected library's Folders and Albums. */
import { useEffect, useRef } from 'react';
import { useBrowse } from '../../stores/browse-store.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { AlbumsSection } from './albums-section.tsx';
import { FoldersSection } from './folders-section.tsx';

export function BrowseSidebar() {
  const libraryId = useLibraries((s) => s.selectedId);
  // Another library: its grid starts with all its photos (a folder or album chosen was the other's).
  const shown = useRef(libraryId);
  useEffect(() => {
    if (shown.current !== libraryId) useBrowse.getState().setSource({ kind: 'all' });
    shown.current = libraryId;
  }, [libraryId]);
  if (libraryId === null) return null;
  return (
    <div className="ks-browse-sidebar">
      <FoldersSection libraryId={libraryId} />
      <AlbumsSection libraryId={libraryId} />
    </div>
  );
}
