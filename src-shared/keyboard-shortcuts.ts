/**
 * Every keyboard shortcut of the app, in one list: the shortcuts sheet (`?`) shows it, the
 * application menu takes its accelerators from it (src-main/electron/app-menu.ts), and the
 * renderer's key handlers match events against it (the viewer, the grid, `?` itself). A key
 * changed here changes everywhere.
 */

/** ⌘ on macOS, Ctrl elsewhere. */
export type ShortcutPlatform = 'mac' | 'other';

/** One key combination. `key` is KeyboardEvent.key (letters in lower case); `mod` is ⌘ on macOS, Ctrl elsewhere. */
export interface KeyCombo {
  readonly key: string;
  readonly mod?: boolean;
  readonly shift?: boolean;
  /** This combination is the application menu item's accelerator (the menu, not the page, handles it). */
  readonly menu?: boolean;
}

export type ShortcutGroup = 'General' | 'Library grid' | 'Viewer';
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['General', 'Library grid', 'Viewer'];

export interface Shortcut {
  readonly id: string;
  readonly group: ShortcutGroup;
  /** What it does, as the sheet says it. */
  readonly action: string;
  /** The combinations that do it (any one). Empty for a pointer gesture (see `gesture`). */
  readonly keys: readonly KeyCombo[];
  /** A pointer gesture that does it too, in words ("Double-click"). */
  readonly gesture?: string;
  /** Key caps shown side by side instead of `keys` as alternatives (["←", "↑", "→", "↓"], ["0", "–", "5"]). */
  readonly label?: readonly string[];
}

const key = (k: string, more: Omit<KeyCombo, 'key'> = {}): KeyCombo => ({ key: k, ...more });

/** The list. Order is the sheet's order. */
export const SHORTCUTS = [
  // General (the menu's accelerators, and `?`)
  { id: 'showShortcuts', group: 'General', action: 'Keyboard shortcuts (this list)', keys: [key('?'), key('/', { mod: true, menu: true })] },
  { id: 'addFolder', group: 'General', action: 'Add a folder…', keys: [key('o', { mod: true, menu: true })] },
  { id: 'scanPhotos', group: 'General', action: 'Scan Photos', keys: [key('F5', { menu: true })] },
  { id: 'scanMissing', group: 'General', action: 'Scan for Missing Photos', keys: [key('F5', { shift: true, menu: true })] },
  { id: 'appZoomIn', group: 'General', action: 'Make everything larger', keys: [key('=', { mod: true })] },
  { id: 'appZoomOut', group: 'General', action: 'Make everything smaller', keys: [key('-', { mod: true })] },
  { id: 'appZoomReset', group: 'General', action: 'Everything at its actual size', keys: [key('0', { mod: true })] },
  { id: 'closeWindow', group: 'General', action: 'Close the window', keys: [key('w', { mod: true })] },
  // Library grid
  { id: 'gridMove', group: 'Library grid', action: 'Move between photos', keys: [key('ArrowLeft'), key('ArrowUp'), key('ArrowRight'), key('ArrowDown')], label: ['←', '↑', '→', '↓'] },
  { id: 'gridFirstLast', group: 'Library grid', action: 'First / last photo', keys: [key('Home'), key('End')] },
  { id: 'gridPage', group: 'Library grid', action: 'A page up / down', keys: [key('PageUp'), key('PageDown')] },
  { id: 'gridOpen', group: 'Library grid', action: 'Open the photo in the viewer', keys: [key('Enter')] },
  { id: 'gridPreview', group: 'Library grid', action: 'Quick look at the photo (Space again closes it)', keys: [key(' ')] },
  { id: 'gridSelect', group: 'Library grid', action: 'Select or deselect the photo', keys: [key('x')], gesture: 'Ctrl-click (⌘-click on a Mac)' },
  { id: 'gridSelectRange', group: 'Library grid', action: 'Select a range of photos', keys: [key('ArrowLeft', { shift: true }), key('ArrowRight', { shift: true }), key('ArrowUp', { shift: true }), key('ArrowDown', { shift: true })], label: ['Shift', '+', '←', '↑', '→', '↓'], gesture: 'Shift-click' },
  { id: 'gridSelectAll', group: 'Library grid', action: 'Select all photos', keys: [key('a', { mod: true })] },
  { id: 'gridRate', group: 'Library grid', action: 'Rate 0 to 5 stars (the photo, or the selection)', keys: ['0', '1', '2', '3', '4', '5'].map((k) => key(k)), label: ['0', '–', '5'] },
  { id: 'gridClear', group: 'Library grid', action: 'Clear the selection', keys: [key('Escape')] },
  // Viewer
  { id: 'viewerPrevious', group: 'Viewer', action: 'Previous photo', keys: [key('ArrowLeft')] },
  { id: 'viewerNext', group: 'Viewer', action: 'Next photo', keys: [key('ArrowRight')] },
  { id: 'viewerZoomIn', group: 'Viewer', action: 'Zoom in', keys: [key('+'), key('=')], gesture: 'Wheel up' },
  { id: 'viewerZoomOut', group: 'Viewer', action: 'Zoom out', keys: [key('-')], gesture: 'Wheel down' },
  { id: 'viewerFit', group: 'Viewer', action: 'Fit the photo to the window', keys: [key('0')] },
  { id: 'viewerToggleZoom', group: 'Viewer', action: 'Switch between fit and 100%', keys: [], gesture: 'Double-click' },
  { id: 'viewerPan', group: 'Viewer', action: 'Move around a zoomed photo', keys: [], gesture: 'Drag' },
  { id: 'viewerInfo', group: 'Viewer', action: 'Show or hide the photo’s information', keys: [key('i')] },
  { id: 'viewerClose', group: 'Viewer', action: 'Close the viewer', keys: [key('Escape')] },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** A shortcut by id. */
export function shortcut(id: ShortcutId): Shortcut {
  return SHORTCUTS.find((s) => s.id === id) as Shortcut;
}

/** The part of a KeyboardEvent a match reads. */
export interface KeyEventLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * Shift counts for named keys (F5 vs Shift+F5) and letters; for a symbol it is part of the symbol
 * ("?" is Shift+/ on many keyboards, "+" is Shift+=), so it is not asked for.
 */
const shiftMatters = (k: string): boolean => k.length > 1 || /^[a-z]$/i.test(k);

/** Whether `event` is one of `combo`. */
export function matchesCombo(combo: KeyCombo, event: KeyEventLike, platform: ShortcutPlatform): boolean {
  const mod = platform === 'mac' ? event.metaKey : event.ctrlKey;
  const otherMod = platform === 'mac' ? event.ctrlKey : event.metaKey;
  if (event.altKey || otherMod || mod !== (combo.mod === true)) return false;
  if (shiftMatters(combo.key) && event.shiftKey !== (combo.shift === true)) return false;
  return combo.key.length === 1 ? event.key.toLowerCase() === combo.key.toLowerCase() : event.key === combo.key;
}

/**
 * Whether `event` is one of the shortcut's key combinations. The page matches only the shortcuts it
 * handles (the viewer's, the grid's, the sheet's); the menu's own (Add Folder…, the scans) reach it
 * as `menu.command` events, never as keys, so that a job is never started twice.
 */
export function matchesShortcut(id: ShortcutId, event: KeyEventLike, platform: ShortcutPlatform): boolean {
  return shortcut(id).keys.some((combo) => matchesCombo(combo, event, platform));
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', ' ': 'Space', Escape: 'Esc', Enter: 'Enter',
  PageUp: 'Page Up', PageDown: 'Page Down', Home: 'Home', End: 'End', '-': '−',
};

/** A combination as the sheet shows it, one string per key: ["Ctrl", "O"] or ["⌘", "O"]. */
export function comboKeys(combo: KeyCombo, platform: ShortcutPlatform): string[] {
  const keys: string[] = [];
  if (combo.mod === true) keys.push(platform === 'mac' ? '⌘' : 'Ctrl');
  if (combo.shift === true) keys.push(platform === 'mac' ? '⇧' : 'Shift');
  keys.push(KEY_NAMES[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key));
  return keys;
}

/** A combination in words for a label or a tooltip: "Ctrl+O", "⌘O", "Shift+F5". */
export function comboText(combo: KeyCombo, platform: ShortcutPlatform): string {
  return comboKeys(combo, platform).join(platform === 'mac' ? '' : '+');
}

/** The Electron accelerator of a shortcut's menu combination ("CmdOrCtrl+O"), or undefined when the menu has none. */
export function menuAccelerator(id: ShortcutId): string | undefined {
  const combo = shortcut(id).keys.find((k) => k.menu === true);
  if (combo === undefined) return undefined;
  const parts = [...(combo.mod === true ? ['CmdOrCtrl'] : []), ...(combo.shift === true ? ['Shift'] : []), combo.key.length === 1 ? combo.key.toUpperCase() : combo.key];
  return parts.join('+');
}
