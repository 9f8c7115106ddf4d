import type { Page } from '@playwright/test';
import type { CommandName, CommandRequest, CommandResponse, Result } from '../../src-shared/contract.ts';
import type { MenuCommand } from '../../src-shared/menu-commands.ts';
import type { Keepsake } from '../../src-main/core/keepsake.ts';
import type { E2eTarget } from './target.ts';

/** What every spec gets as `app`, the same in both targets. */
export interface KeepsakeApp {
  readonly target: E2eTarget;
  /** The app's page (the Electron window in the electron target). */
  readonly page: Page;
  /** This test's own data folder (database + thumbnails), removed after the test. */
  readonly dataDir: string;
  /** The real core behind the page, in the test process (chromium target); null in the electron target. */
  readonly core: Keepsake | null;
  /** Navigates to the app, e.g. goto() or goto('?scheme=dark'). */
  goto(viewPath?: string): Promise<void>;
  /** What the next folder dialog answers (consumed by it); null = the user cancels. */
  nextPickedFolder: string | null;
  /** Same as setting nextPickedFolder, but waits until the app has it (needed in the electron target). */
  setNextPickedFolder(path: string | null): Promise<void>;
  /** What the next file dialog answers (consumed by it); null = the user cancels. Waits until the app has it. */
  setNextPickedFile(path: string | null): Promise<void>;
  /**
   * Chooses an application menu item: in the electron target the real menu item is clicked; in the
   * chromium target (no menu) its `menu.command` event is pushed to the page, as the main process sends it.
   */
  chooseMenu(command: MenuCommand): Promise<void>;
  /** Paths "Show in folder" was asked to show, in order. */
  shownInFolder(): Promise<string[]>;
  /** Paths "Open in default app" was asked to open, in order. */
  openedInDefaultApp(): Promise<string[]>;
  /** Calls a command through the page's own window.keepsake, exactly as the renderer does. */
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResponse<C>>>;
  /** Saves a screenshot of the page as e2e/screenshots/<name>.png (electron-<name>.png in the electron target). */
  screenshot(name: string): Promise<string>;
}
