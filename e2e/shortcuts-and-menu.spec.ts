/**
 * The keyboard shortcuts sheet and the application menu. `?` (and Ctrl+/) opens a sheet listing
 * every shortcut, from the same list the menu's accelerators come from; a `?` typed into the
 * caption stays a question mark. Menu items reach the renderer as `menu.command` events (in the
 * electron target the real menu item is clicked) and do what the buttons do: Scan Photos and Scan
 * for Missing Photos start on the current library, Add Folder… opens the folder picker and adds the
 * folder, Appearance switches light / dark / system — as does the header's own switch, remembered.
 */
import { SHORTCUTS } from '../src-shared/keyboard-shortcuts.ts';
import { addFirstFolderAndScan, closeLightbox, openInLightbox, openView, screenshotView, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

test('? opens the keyboard shortcuts sheet with every shortcut; a ? typed in a field stays text', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Album', 2);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Album'));

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  // Every shortcut of the one list, in its group, with its keys.
  await expect(sheet.locator('[data-shortcut]')).toHaveCount(SHORTCUTS.length);
  for (const group of ['General', 'Library grid', 'Viewer']) await expect(sheet.getByRole('heading', { name: group })).toBeVisible();
  await expect(sheet.locator('[data-shortcut="addFolder"]')).toContainText('Add a folder…');
  await expect(sheet.locator('[data-shortcut="addFolder"] kbd')).toHaveText(['Ctrl', 'O']);
  await expect(sheet.locator('[data-shortcut="scanPhotos"] kbd')).toHaveText(['F5']);
  await expect(sheet.locator('[data-shortcut="gridSelectAll"] kbd')).toHaveText(['Ctrl', 'A']);
  await expect(sheet.locator('[data-shortcut="viewerToggleZoom"]')).toContainText('Double-click');
  await screenshotView(app, 'shortcuts-sheet-light');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // Ctrl+/ too (the Help menu's accelerator).
  await page.keyboard.press('Control+/');
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();

  // In the viewer, a ? typed into the caption is a question mark, not the sheet.
  const name = (await photos.copyJpegs('Album', 1))[0] as string;
  const box = await openInLightbox(page, tile(page, name), name);
  const caption = box.getByRole('textbox', { name: 'Caption' });
  await caption.click();
  await page.keyboard.type('Where? ');
  await expect(caption).toHaveValue('Where? ');
  await expect(sheet).toBeHidden();
  // Outside the field, it opens over the viewer.
  await box.getByText('Rating', { exact: true }).click();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await closeLightbox(page, box);

  await app.goto('?scheme=dark');
  await expect(tile(page, name)).toBeVisible();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await screenshotView(app, 'shortcuts-sheet-dark');
});

test('menu commands reach the renderer: Scan Photos and Scan for Missing start, Add Folder… adds a folder, Appearance switches the scheme', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Album', 2);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Album'));
  await expect(page.getByTestId('library-count')).toHaveText('2 photos');

  // File → Scan Photos: a new photo in the folder is imported.
  await photos.copyIn('exif-samples/jpg/Pentax_K10D.jpg', 'Album/Pentax_K10D.jpg');
  const scan = await jobs.after('scan_photos', () => app.chooseMenu('scanPhotos'));
  expect(scan.result).toMatchObject({ added: 1 });
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');

  // File → Scan for Missing Photos.
  await photos.remove('Album/Pentax_K10D.jpg');
  const missing = await jobs.after('scan_missing', () => app.chooseMenu('scanMissing'));
  expect(missing.result).toMatchObject({ newly_missing: 1 });
  await expect(tile(page, 'Pentax_K10D.jpg', 'missing')).toBeVisible();

  // File → Add Folder…: the folder picker, then the folder is one more root of the library.
  await photos.copyJpegs('More', 1);
  await app.setNextPickedFolder(photos.path('More'));
  await app.chooseMenu('addFolder');
  await expect(page.getByTestId('notifications')).toContainText(`${photos.path('More')} was added`);
  await openView(page, 'settings');
  await expect(page.getByTestId('root-row')).toHaveCount(2);

  // Help → Keyboard Shortcuts.
  await app.chooseMenu('showShortcuts');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // View → Appearance, and the header's switch: remembered across a reload.
  const html = page.locator('html');
  await app.chooseMenu('appearanceDark');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await app.goto();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  const appearance = page.getByRole('group', { name: 'Appearance' });
  await expect(appearance.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await screenshotView(app, 'appearance-dark-chosen');
  await app.chooseMenu('appearanceLight');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  await appearance.getByText('Dark', { exact: true }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await appearance.getByText('System', { exact: true }).click();
  await expect(appearance.getByRole('radio', { name: 'System' })).toBeChecked();
  // System follows the OS (Chromium here reports light).
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  await app.goto();
  await expect(page.getByRole('group', { name: 'Appearance' }).getByRole('radio', { name: 'System' })).toBeChecked();
});
