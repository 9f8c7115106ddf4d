/**
 * The keyboard shortcuts sheet (`?`, Help → Keyboard Shortcuts): every shortcut of the app, by
 * where it works, read from the one list the menu and the key handlers use
 * (src-shared/keyboard-shortcuts.ts), with ⌘ or Ctrl as this platform has it.
 */
import { Fragment } from 'react';
import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { SHORTCUT_GROUPS, SHORTCUTS, comboKeys, type Shortcut } from '../../src-shared/keyboard-shortcuts.ts';
import { PLATFORM } from '../lib/keyboard.ts';
import { useShortcutsSheet } from '../stores/shortcuts-store.ts';

/** One shortcut's keys: "Ctrl + O", alternatives separated by "or", then a pointer gesture. */
function Keys({ shortcut }: { shortcut: Shortcut }) {
  const alternatives: React.ReactNode[] = shortcut.label
    ? [<Kbd key="label">{shortcut.label}</Kbd>]
    : shortcut.keys.map((combo, i) => (
        <span key={i} className="ks-kbd-combo">
          {comboKeys(combo, PLATFORM).map((k, j) => (
            <Fragment key={j}>
              {j > 0 && <span aria-hidden="true">+</span>}
              <Kbd>{k}</Kbd>
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
            <Text span size="sm" c="dimmed">
              or
            </Text>
          )}
          {node}
        </Fragment>
      ))}
    </span>
  );
}

/** The sheet, mounted once. */
export function ShortcutsSheet() {
  const open = useShortcutsSheet((s) => s.open);
  const setOpen = useShortcutsSheet((s) => s.setOpen);
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" size="lg" data-testid="shortcuts-sheet">
      <Stack gap="lg">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group} aria-labelledby={`shortcuts-${group.replace(/\s+/g, '-')}`}>
            <Title order={3} size="h5" mb={6} id={`shortcuts-${group.replace(/\s+/g, '-')}`}>
              {group}
            </Title>
            <Table verticalSpacing={6} aria-labelledby={`shortcuts-${group.replace(/\s+/g, '-')}`} data-testid="shortcuts-group" data-group={group}>
              <Table.Thead className="ks-visually-hidden">
                <Table.Tr>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Keys</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <Table.Tr key={s.id} data-shortcut={s.id}>
                    <Table.Td>{s.action}</Table.Td>
                    <Table.Td ta="right">
                      <Keys shortcut={s} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
      </Stack>
    </Modal>
  );
}
