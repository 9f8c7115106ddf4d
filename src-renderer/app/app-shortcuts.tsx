/**
 * The app-wide keys and the application menu's commands, in one component mounted by App: `?` (and
 * ⌘/ / Ctrl+/) opens the shortcuts sheet; a `menu.command` from the main process does what the
 * menu item says — Add Folder… opens the folder picker, the scans start on the current library,
 * Appearance switches the colour scheme.
 */
import { useMantineColorScheme } from '@mantine/core';
import { useEffect } from 'react';
import { matchesShortcut } from '../../src-shared/keyboard-shortcuts.ts';
import type { MenuCommand } from '../../src-shared/menu-commands.ts';
import { isMenuCommand } from '../../src-shared/menu-commands.ts';
import { subscribe } from '../api/client.ts';
import { isTypingTarget, PLATFORM } from '../lib/keyboard.ts';
import { startScan } from '../stores/job-actions.ts';
import { addFolder } from '../stores/library-actions.ts';
import { useLibraries } from '../stores/libraries-store.ts';
import { notifyInfo } from '../stores/notifications-store.ts';
import { useShortcutsSheet } from '../stores/shortcuts-store.ts';

/** A scan from the menu: on the current library, or a word on what to do first. */
function scanFromMenu(type: 'scan_photos' | 'scan_missing'): void {
  const libraryId = useLibraries.getState().selectedId;
  if (libraryId === null) {
    notifyInfo('No library yet', 'Add a folder of photos first (File → Add Folder…).', 'yellow');
    return;
  }
  void startScan(type, libraryId);
}

/** Listens for the app-wide keys and the menu's commands; renders nothing. */
export function AppShortcuts() {
  const { setColorScheme } = useMantineColorScheme();

  useEffect(() => {
    const run = (command: MenuCommand): void => {
      switch (command) {
        case 'addFolder':
          void addFolder();
          return;
        case 'scanPhotos':
          scanFromMenu('scan_photos');
          return;
        case 'scanMissing':
          scanFromMenu('scan_missing');
          return;
        case 'showShortcuts':
          useShortcutsSheet.getState().setOpen(true);
          return;
        case 'appearanceLight':
          setColorScheme('light');
          return;
        case 'appearanceDark':
          setColorScheme('dark');
          return;
        case 'appearanceSystem':
          setColorScheme('auto');
          return;
      }
    };
    // What arrives is checked: a command this renderer does not know is ignored.
    return subscribe('menu.command', (payload) => {
      if (isMenuCommand(payload?.command)) run(payload.command);
    });
  }, [setColorScheme]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !matchesShortcut('showShortcuts', event, PLATFORM)) return;
      // "?" typed into a caption is a question mark; ⌘/ / Ctrl+/ works everywhere.
      if (event.key === '?' && isTypingTarget(event.target)) return;
      event.preventDefault();
      useShortcutsSheet.getState().setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
