/** The sidebar's browsing part, under the main views: the selected library's Folders and Albums. */
import { useLibraries } from '../../stores/libraries-store.ts';
import { AlbumsSection } from './albums-section.tsx';
import { FoldersSection } from './folders-section.tsx';

export function BrowseSidebar() {
  const libraryId = useLibraries((s) => s.selectedId);
  if (libraryId === null) return null;
  return (
    <div className="ks-browse-sidebar">
      <FoldersSection libraryId={libraryId} />
      <AlbumsSection libraryId={libraryId} />
    </div>
  );
}
