/** The list of libraries (pick one) and a form to add a library with a name and a folder. */
import { Button, Card, Checkbox, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { SIDECARS_EXPLAINED } from '../../../src-shared/sidecar-texts.ts';
import { createLibrary, pickFolder } from '../../stores/library-actions.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { SidecarsSwitch } from './sidecars-switch.tsx';

/** Libraries panel. */
export function LibrariesPanel() {
  const libraries = useLibraries((s) => s.libraries);
  const selectedId = useLibraries((s) => s.selectedId);
  const select = useLibraries((s) => s.select);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState<string | null>(null);
  const [sidecars, setSidecars] = useState(true);
  const [busy, setBusy] = useState(false);
  const selected = libraries.find((l) => l.id === selectedId);

  const add = async () => {
    setBusy(true);
    const id = await createLibrary(name.trim(), folder ? [folder] : [], sidecars);
    setBusy(false);
    if (id !== null) {
      setName('');
      setFolder(null);
      setSidecars(true);
    }
  };

  return (
    <Card withBorder mb="lg" component="section" aria-labelledby="libraries-title">
      <Title order={3} id="libraries-title" mb="sm">
        Libraries and folders
      </Title>
      {libraries.length === 0 ? (
        <Text c="dimmed" mb="sm">
          No library yet.
        </Text>
      ) : (
        <Radio.Group value={selectedId === null ? null : String(selectedId)} onChange={(v) => select(Number(v))} label="Current library" mb="md">
          <Stack gap={6}>
            {libraries.map((l) => (
              <Radio key={l.id} value={String(l.id)} label={`${l.name} (${l.roots.length} ${l.roots.length === 1 ? 'folder' : 'folders'})`} data-testid={`library-${l.id}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {selected && <SidecarsSwitch library={selected} />}
      <Group align="flex-end" gap="xs">
        <TextInput label="New library" placeholder="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="new-library-name" />
        <Button variant="default" onClick={async () => setFolder(await pickFolder('Choose the library’s first folder'))}>
          {folder ? 'Change folder…' : 'Choose folder…'}
        </Button>
        <Button onClick={() => void add()} disabled={!name.trim()} loading={busy}>
          Add library
        </Button>
      </Group>
      {folder && (
        <Text size="sm" c="dimmed" mt={4} data-testid="new-library-folder">
          Folder: {folder}
        </Text>
      )}
      <Checkbox
        mt="sm"
        checked={sidecars}
        onChange={(event) => setSidecars(event.currentTarget.checked)}
        label={SIDECARS_EXPLAINED}
        data-testid="new-library-sidecars"
      />
    </Card>
  );
}
