/**
 * The selected library's folders (roots): each with its probed state (online / offline / unreachable
 * / unreadable) and drive name, "Locate folder…" for a root that is not online, add and remove.
 */
import { Badge, Button, Card, Group, List, Modal, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { Root, RootState, RootWatch } from '../../../src-shared/domain.ts';
import { humanDate } from '../../lib/format.ts';
import { addFolder, locateFolder, removeRoot } from '../../stores/library-actions.ts';
import { useLibraries, useSelectedLibrary } from '../../stores/libraries-store.ts';

const STATE: Record<RootState, { color: string; text: string; explain: string }> = {
  online: { color: 'green', text: 'online', explain: 'The folder is there and readable.' },
  offline: { color: 'gray', text: 'offline', explain: 'Its drive is not connected: its photos are shown as Offline, never missing.' },
  unreachable: { color: 'orange', text: 'unreachable', explain: 'The drive did not answer in time (a sleeping network drive?). Nothing is flagged missing.' },
  unreadable: { color: 'red', text: 'unreadable', explain: 'Permission denied: Keepsake cannot read this folder. Nothing is flagged missing.' },
};

/** How each root is kept up to date while the app runs (the live library), in the words. */
const WATCH: Readonly<Record<RootWatch, { text: string; explain: string }>> = {
  watching: { text: 'Watching', explain: 'Changes to this folder are picked up as they happen.' },
  'polling-network': { text: 'Polling (network share)', explain: 'A network share: its changes are looked for every minute (Settings → Live library).' },
  'polling-limit': { text: 'Polling (watch limit reached)', explain: 'Too many folders for the system to watch: changes are looked for every minute.' },
  'not-watched': { text: 'Not watched', explain: 'Changes are found by Scan Photos (watching is off, or the drive is not connected).' },
};

/** A root's drive name: its volume label, else its mount point. */
/** The drive's name: its label, else where it is mounted ("/" is the system disk, not a drive to name). */
export const driveName = (root: Root): string =>
  root.volumeLabel ?? (root.mountPoint === null ? '—' : root.mountPoint === '/' ? 'System disk' : root.mountPoint);

/** Roots panel. */
export function RootsPanel() {
  const library = useSelectedLibrary();
  const roots = useLibraries((s) => s.roots);
  const loading = useLibraries((s) => s.rootsLoading);
  const loadRoots = useLibraries((s) => s.loadRoots);
  const [removing, setRemoving] = useState<Root | null>(null);
  if (!library) return null;
  return (
    <Card withBorder mb="lg" component="section" aria-labelledby="roots-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} id="roots-title">
          Folders of {library.name}
        </Title>
        <Group gap="xs">
          <Button variant="default" loading={loading} onClick={() => void loadRoots(true)}>
            Check drives
          </Button>
          <Button onClick={() => void addFolder()}>Add a folder</Button>
        </Group>
      </Group>
      {roots.length === 0 ? (
        <Text c="dimmed">{loading ? 'Checking folders…' : 'No folders yet. Add a folder of photos to this library.'}</Text>
      ) : (
        <Table data-testid="roots-table" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Folder</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Drive</Table.Th>
              <Table.Th>Changes</Table.Th>
              <Table.Th>Checked</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roots.map((root) => {
              const state = STATE[root.state];
              return (
                <Table.Tr key={root.id} data-testid="root-row" data-root-id={root.id} data-state={root.state}>
                  <Table.Td className="ks-path">{root.path}</Table.Td>
                  <Table.Td>
                    <Tooltip label={state.explain} multiline w={260}>
                      <Badge color={state.color} data-testid="root-state">
                        {state.text}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td data-testid="root-drive">{driveName(root)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={WATCH[root.watch].explain} multiline w={260}>
                      <Text size="sm" data-testid="root-watch" data-watch={root.watch}>
                        {WATCH[root.watch].text}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {humanDate(root.stateCheckedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {root.state !== 'online' && (
                        <Button size="xs" variant="light" onClick={() => void locateFolder(library.id, root.path)} aria-label={`Locate folder… ${root.path}`}>
                          Locate folder…
                        </Button>
                      )}
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(root)} aria-label={`Remove ${root.path}`}>
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmRemoveFolder root={removing} onClose={() => setRemoving(null)} />
    </Card>
  );
}

/**
 * Removing a folder asks first, and says exactly what happens (library/roots.ts removeRoot): Keepsake
 * stops importing from it; nothing is deleted — not the files, not the photos or what they carry.
 */
function ConfirmRemoveFolder({ root, onClose }: { root: Root | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (root === null) return;
    setBusy(true);
    await removeRoot(root.id);
    setBusy(false);
    onClose();
  };
  return (
    <Modal opened={root !== null} onClose={() => !busy && onClose()} title="Remove this folder from the library?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Text size="sm" className="ks-path" mb="sm" data-testid="remove-folder-path">
        {root?.path}
      </Text>
      <List size="sm" spacing={4} mb="md">
        <List.Item>Keepsake stops importing new photos from this folder.</List.Item>
        <List.Item>Its photos stay in the library as they are now, with their ratings, captions, albums and faces.</List.Item>
        <List.Item>Nothing is deleted: the files stay on disk. Add the folder again and its photos are part of it again.</List.Item>
      </List>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
          Cancel
        </Button>
        <Button color="red" onClick={() => void remove()} loading={busy}>
          Remove folder
        </Button>
      </Group>
    </Modal>
  );
}
