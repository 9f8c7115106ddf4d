/**
 * The keyboard shortcuts sheet (`?`, Help → Keyboard Shortcuts): every shortcut of the app, by
 * where it works, read from the one list the menu and the key handlers use
 * (src-shared/keyboard-shortcuts.ts), with ⌘ or Ctrl as this platform has it.
 */
import { Fragment } from 'react';
import { Kbd, Modal, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { SHORTCUTS, comboKeys, type Shortcut, type ShortcutGroup } from '../../src-shared/keyboard-shortcuts.ts';
import { PLATFORM } from '../lib/keyboard.ts';
import { useShortcutsSheet } from '../stores/shortcuts-store.ts';

/** One shortcut's keys: "Ctrl + O"; alternatives separated by "/" ("or" to a screen reader); then a pointer gesture. */
function Keys({ shortcut }: { shortcut: Shortcut }) {
  const alternatives: React.ReactNode[] = shortcut.label
    ? [
        <span key="label" className="ks-kbd-combo">
          {shortcut.label.map((k, i) => (
            <Kbd key={i} size="xs">{k}</Kbd>
          ))}
        </span>,
      ]
    : shortcut.keys.map((combo, i) => (
        <span key={i} className="ks-kbd-combo">
          {comboKeys(combo, PLATFORM).map((k, j) => (
            <Fragment key={j}>
              {j > 0 && <span aria-hidden="true">+</span>}
              <Kbd size="xs">{k}</Kbd>
            </Fragment>
          ))}
        </span>
      ));
  if (shortcut.gesture) alternatives.push(<Text key="gesture" span size="sm">{shortcut.gesture}</Text>);
  return (
    <span className="ks-kbd-keys">
      {alternatives.map((node, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <>
              <Text span size="sm" c="dimmed" aria-hidden="true">
                /
              </Text>
              <VisuallyHidden>or</VisuallyHidden>
            </>
          )}
          {node}
        </Fragment>
      ))}
    </span>
  );
}

/** One group's table. */
function Group({ group }: { group: ShortcutGroup }) {
  const id = `shortcuts-${group.replace(/\s+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" mb={4} id={id}>
        {group}
      </Title>
      <Table verticalSpacing={3} horizontalSpacing={6} aria-labelledby={id} data-testid="shortcuts-group" data-group={group}>
        <Table.Thead className="ks-visually-hidden">
          <Table.Tr>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Keys</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.filter((s) => s.group === group).map((s) => (
            <Table.Tr key={s.id} data-shortcut={s.id}>
              <Table.Td fz="sm">{s.action}</Table.Td>
              <Table.Td ta="right" className="ks-kbd-cell">
                <Keys shortcut={s} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** The sheet, mounted once: General and the grid on the left, the viewer on the right. */
export function ShortcutsSheet() {
  const open = useShortcutsSheet((s) => s.open);
  const setOpen = useShortcutsSheet((s) => s.setOpen);
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" size={920} data-testid="shortcuts-sheet">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="md">
          <Group group="General" />
          <Group group="Library grid" />
        </Stack>
        <Stack gap="md">
          <Group group="Viewer" />
        </Stack>
      </SimpleGrid>
    </Modal>
  );
}
