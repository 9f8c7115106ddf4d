/**
 * The user's steps through the app, as the specs tell them: add a folder, run the jobs from
 * Settings, open a photo, rate, caption and file it in an album. Each step
 * waits on what the user would see (or on the app's own job events), never on time.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { JobRecord } from '../../src-shared/domain.ts';
import type { KeepsakeApp } from '../harness/fixtures.ts';
import type { JobWatch } from './job-watch.ts';

/** The app's main views (navbar test ids nav-<view>). */
export type View = 'library' | 'missing' | 'trash' | 'stats' | 'settings';

/** Clicks a navbar entry and waits until it is the current one. */
export async function openView(page: Page, view: View): Promise<void> {
  const button = page.getByTestId(`nav-${view}`);
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
}

/** First launch: "Add a folder" in the empty library (the folder dialog answers `folder`): adding it starts Scan Photos. */
export async function addFirstFolderAndScan(app: KeepsakeApp, jobs: JobWatch, folder: string): Promise<JobRecord> {
  const { page } = app;
  await expect(page.getByTestId('library-empty')).toBeVisible();
  await app.setNextPickedFolder(folder);
  return jobs.after('scan_photos', () => page.getByRole('button', { name: 'Add a folder' }).click());
}

/** "Scan Photos" in the current view (library, missing or settings); resolves when the job finished. */
export function scanPhotos(page: Page, jobs: JobWatch): Promise<JobRecord> {
  return jobs.after('scan_photos', () => page.getByRole('button', { name: 'Scan Photos', exact: true }).click());
}

/**
 * Settings → "Scan for Missing Photos": the running job's progress is shown
 * (when it runs long enough to be seen), then the finished job lands in the history as succeeded.
 */
export async function scanForMissing(page: Page, jobs: JobWatch): Promise<JobRecord> {
  await openView(page, 'settings');
  const history = page.getByTestId('job-history-row').and(page.locator('[data-job-type="scan_missing"][data-status="succeeded"]'));
  const before = await history.count();
  const job = await jobs.after('scan_missing', () => page.getByRole('button', { name: 'Scan for Missing Photos' }).click());
  await expect(history).toHaveCount(before + 1);
  await expect(page.getByTestId('running-job')).toHaveCount(0);
  return job;
}

/** A tile of the library grid by file name; `state` picks the missing / offline one. */
export function tile(page: Page, fileName: string, state: 'present' | 'missing' | 'offline' = 'present', kind: 'Photo' | 'Video' = 'Photo'): Locator {
  const name = `${kind} ${fileName}${state === 'present' ? '' : `, ${state}`}`;
  return page.getByTestId('photo-tile').and(page.getByRole('button', { name, exact: true }));
}

/** The open lightbox of a file. */
export function lightbox(page: Page, fileName: string): Locator {
  return page.getByRole('dialog', { name: fileName });
}

/** Opens a photo in the lightbox by clicking its tile (or row); resolves with the lightbox. */
export async function openInLightbox(page: Page, opener: Locator, fileName: string): Promise<Locator> {
  await opener.click();
  const box = lightbox(page, fileName);
  await expect(box).toBeVisible();
  await expect(box.getByTestId('photo-side-panel')).toBeVisible();
  return box;
}

/** Closes the lightbox with Escape. */
export async function closeLightbox(page: Page, box: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();
}

/** The rating radio "N star(s)" of the lightbox. */
export function ratingRadio(box: Locator, stars: number): Locator {
  return box.getByRole('radio', { name: `${stars} star${stars === 1 ? '' : 's'}`, exact: true });
}

/**
 * Picks the Nth star from the keyboard (the star radios are visually hidden, and Mantine's star
 * labels overlap, so a pointer click lands on whichever label is on top): focus it, press Space.
 */
export async function setRating(box: Locator, stars: number): Promise<void> {
  const radio = ratingRadio(box, stars);
  await radio.focus();
  await radio.press('Space');
  await expect(radio).toBeChecked();
}

/** Types a caption and leaves the field (it is saved on blur). */
export async function setCaption(box: Locator, caption: string): Promise<void> {
  const field = box.getByRole('textbox', { name: 'Caption' });
  await field.fill(caption);
  await field.blur();
}

/** Creates a user album from the lightbox with this photo in it. */
export async function addToNewAlbum(box: Locator, title: string): Promise<void> {
  await box.getByRole('textbox', { name: 'New album title' }).fill(title);
  await box.getByRole('button', { name: 'New album' }).click();
  await expect(albumPills(box)).toContainText([title]);
}

/** Adds the photo to an existing user album through the Albums picker. */
export async function addToAlbum(page: Page, box: Locator, title: string): Promise<void> {
  await box.getByRole('combobox', { name: 'Albums' }).click();
  await page.getByRole('option', { name: title, exact: true }).click();
  await expect(albumPills(box)).toContainText([title]);
}

/** The chosen albums' pills in the lightbox's Albums picker. */
export function albumPills(box: Locator): Locator {
  return box.locator('.mantine-MultiSelect-pill');
}

/** The photo's current stored state, through the page's own bridge (to wait for a save to land). */
export async function storedPhoto(app: KeepsakeApp, imageHash: string) {
  const answer = await app.invoke('photos.get', { imageHash });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** Reads a stat card's raw value on the Stats view. */
export function statCard(page: Page, key: 'num_photos' | 'num_missing_photos' | 'num_offline_photos' | 'num_trashed_photos'): Locator {
  return page.getByTestId(`stat-${key}`);
}

/** Closes every toast (they would cover the bottom of a screenshot). */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Dismiss notification' });
  // Dispatched rather than clicked: with a dialog open the toasts sit under its overlay. A toast
  // that fades out by itself meanwhile is gone too: no waiting for it.
  while ((await close.count()) > 0) await close.first().dispatchEvent('click', undefined, { timeout: 1000 }).catch(() => undefined);
}

/** A clean screenshot of the current view: toasts dismissed first. */
export async function screenshotView(app: KeepsakeApp, name: string): Promise<void> {
  await dismissToasts(app.page);
  await app.screenshot(name);
}

/**
 * A row of the Missing view by file name (and state): the row whose photo button's name starts
 * "Photo IMG_1.jpg, missing" (and may go on with what the row shows, as a screen reader hears it).
 * The row holds the button, the row's words (path, dates, reason) and its Locate….
 */
export function missingRow(page: Page, fileName: string, state: 'missing' | 'offline' = 'missing', kind: 'Photo' | 'Video' = 'Photo'): Locator {
  const start = `${kind} ${fileName}, ${state}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByTestId('missing-row').filter({ has: page.getByRole('button', { name: new RegExp(`^${start}(,|$)`) }) });
}
