/**
 * What the application menu asks the renderer to do. The main process sends one as the
 * `menu.command` event (contract.ts); the renderer does it exactly as its own button would
 * (src-renderer/app/menu-command-handler.ts).
 */

/** Every menu command, by name. */
export const MENU_COMMANDS = [
  /** File → Add Folder…: the folder picker, then the folder is added to the current library. */
  'addFolder',
  /** File → Scan Photos (the current library). */
  'scanPhotos',
  /** File → Scan for Missing Photos (the current library). */
  'scanMissing',
  /** Help → Keyboard Shortcuts: the shortcuts sheet. */
  'showShortcuts',
  /** View → Appearance → Light / Dark / System. */
  'appearanceLight',
  'appearanceDark',
  'appearanceSystem',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Whether a value is a menu command (the renderer checks what arrives). */
export const isMenuCommand = (value: unknown): value is MenuCommand => typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
