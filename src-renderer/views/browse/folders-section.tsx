/**
 * The sidebar's Folders: each root of the library with its folders as a tree, each with its photo
 * count (its subfolders included, the trash not: the roots add up to the Library's count). A folder
 * with missing photos carries a red marker with how many; a root whose drive is not online, the
 * drive's name. Choosing a folder shows its photos (with its subfolders') in the grid.
 */
import { Text } from '@mantine/core';
import { memo, useEffect, useState } from 'react';
import type { FolderNode, FolderRoot } from '../../../src-shared/domain.ts';
import { baseName } from '../../lib/format.ts';
import { useBrowse } from '../../stores/browse-store.ts';
import { useBrowseData } from '../../stores/browse-data-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { SidebarSection } from './sidebar-section.tsx';

/** The Folders section of the selected library. */
export function FoldersSection({ libraryId }: { libraryId: number }) {
  const version = useUi((s) => s.dataVersion);
  const folders = useBrowseData((s) => (s.libraryId === libraryId ? s.folders : null));
  useEffect(() => {
    void useBrowseData.getState().loadFolders(libraryId);
  }, [libraryId, version]);
  return (
    <SidebarSection id="folders" title="Folders">
      {folders === null ? null : folders.length === 0 ? (
        <Text size="xs" c="dimmed" px="sm" py={4}>
          No folders yet.
        </Text>
      ) : (
        <ul className="ks-tree" aria-label="Folders">
          {folders.map((root) => (
            <FolderItem key={root.rootId} node={root} root={root} depth={0} />
          ))}
        </ul>
      )}
    </SidebarSection>
  );
}

/** One number formatter for the thousand rows of a big tree. */
const NUMBER = new Intl.NumberFormat();

/** What a root's row says of its drive when it is not online: "Offline · HOLIDAY-USB". */
const driveText = (root: FolderRoot): string =>
  `${root.state === 'offline' ? 'Offline' : root.state === 'unreachable' ? 'Unreachable' : 'Unreadable'} · ${root.driveName ?? root.path}`;

/** A folder row's name: "2024, 2 photos, 1 missing"; a root's carries its drive's state ("Photos, Offline · USB, 3 photos"). Its visible text is in it. */
export function folderLabel(name: string, node: FolderNode, root?: FolderRoot): string {
  const parts = [name];
  if (root !== undefined && root.driveName !== null) parts.push(driveText(root));
  parts.push(`${NUMBER.format(node.photoCount)} ${node.photoCount === 1 ? 'photo' : 'photos'}`);
  if (node.missingCount > 0) parts.push(`${NUMBER.format(node.missingCount)} missing`);
  return parts.join(', ');
}

const FolderItem = memo(function FolderItem({ node, root, depth }: { node: FolderNode; root?: FolderRoot; depth: number }) {
  const active = useBrowse((s) => s.source.kind === 'folder' && s.source.path === node.path);
  const inside = useBrowse((s) => s.source.kind === 'folder' && (s.source.path.startsWith(`${node.path}/`) || s.source.path.startsWith(`${node.path}\\`)));
  // Roots start open; a folder opens by its chevron, or when a folder inside it is chosen.
  const [open, setOpen] = useState(root !== undefined);
  useEffect(() => {
    if (inside) setOpen(true);
  }, [inside]);
  const name = root !== undefined ? baseName(node.path) : node.name;
  const hasChildren = node.folders.length > 0;
  // Choosing a folder shows its photos (its subfolders' too); its chevron opens it in the tree.
  const choose = () => {
    useBrowse.getState().setSource({ kind: 'folder', path: node.path, name });
    useUi.getState().setView('library');
  };
  return (
    <li>
      <div className="ks-tree-row" style={{ paddingLeft: 4 + depth * 14 }}>
        {hasChildren ? (
          <button type="button" className="ks-tree-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`} onClick={() => setOpen(!open)}>
            <span className={`ks-chevron${open ? ' ks-chevron-open' : ''}`} aria-hidden="true" />
          </button>
        ) : (
          <span className="ks-tree-spacer" aria-hidden="true" />
        )}
        {/* The counts are drawn over the button, outside it: its visible text (name, drive) is what its name begins with. */}
        <span className="ks-tree-cell">
          <button
            type="button"
            className={`ks-tree-item${active ? ' ks-tree-item-active' : ''}`}
            aria-current={active ? 'true' : undefined}
            aria-label={folderLabel(name, node, root)}
            title={node.path}
            onClick={choose}
            data-testid="folder-row"
            data-path={node.path}
            data-missing={node.missingCount}
            data-count={node.photoCount}
          >
            <span className="ks-tree-text">
              <span className="ks-tree-name">{name}</span>
              {root?.driveName != null && (
                <span className="ks-drive-badge" data-testid="folder-drive-badge" data-state={root.state}>
                  {driveText(root)}
                </span>
              )}
            </span>
          </button>
          <span className={`ks-tree-counts${active ? ' ks-tree-counts-active' : ''}`} aria-hidden="true">
            {node.missingCount > 0 && (
              <span className="ks-missing-marker" data-testid="folder-missing-marker" data-path={node.path}>
                {NUMBER.format(node.missingCount)}
              </span>
            )}
            <span className="ks-tree-count">{NUMBER.format(node.photoCount)}</span>
          </span>
        </span>
      </div>
      {hasChildren && open && (
        <ul className="ks-tree">
          {node.folders.map((child) => (
            <FolderItem key={child.path} node={child} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
});
