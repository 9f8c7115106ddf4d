/**
 * The Mantine theme: system fonts only (offline-first: nothing is fetched from the network), and
 * colours that pass WCAG AA (4.5:1) in light and dark: Mantine's defaults put white text on teal at
 * 2.5:1, on red at 3.3:1, and grey "dimmed" text at 3.3:1 (light) / 4.0:1 (dark).
 */
import { Badge, createTheme, darken, lighten, localStorageColorSchemeManager, luminance, Modal, Notification, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Keepsake's theme. */
export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  components: {
    // Labels read as written ("Missing", "Offline"), as LibrePhotos shows them.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
    // A toast's text under its title: Mantine draws it in gray 6 (3.3:1); the readable dimmed colour instead.
    Notification: Notification.extend({ styles: { description: { color: 'var(--mantine-color-dimmed)' } } }),
    Modal: Modal.extend({
      defaultProps: {
        // A dialog's header is not the page's banner (one banner landmark: the app's own header).
        attributes: { header: { role: 'none' } },
        closeButtonProps: { 'aria-label': 'Close' },
      },
    }),
  },
});

/** The contrast WCAG AA asks of normal text, with a little margin for rounding and anti-aliasing. */
const AA = 4.6;

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` darkened (or lightened) in small steps until it reaches `ratio` against `against`. */
export function readable(color: string, against: string, ratio = AA, direction: 'darker' | 'lighter' = 'darker'): string {
  let shade = color;
  for (let step = 0; step < 50 && contrast(shade, against) < ratio; step++) shade = direction === 'darker' ? darken(shade, 0.04) : lighten(shade, 0.04);
  return shade;
}

const WHITE = '#ffffff';

/**
 * Mantine's colour variables, made readable (only where the defaults are not): for each palette,
 * white text on the filled colour, the light variant's text on its (hovered) background, outline
 * and text colours on the lightest page backgrounds; dimmed text on cards and rows in both schemes.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  const gray = t.colors.gray as MantineColorsTuple;
  const darkPalette = t.colors.dark as MantineColorsTuple;
  const lightPage = gray[1]; // striped rows, the lightest panels
  const darkPage = darkPalette[5]; // hovered rows and cards in dark
  const lightShade = typeof t.primaryShade === 'number' ? t.primaryShade : t.primaryShade.light;
  const darkShade = typeof t.primaryShade === 'number' ? t.primaryShade : t.primaryShade.dark;
  for (const [name, palette] of Object.entries(t.colors) as [string, MantineColorsTuple][]) {
    if (name === 'dark') continue;
    const filledLight = readable(palette[lightShade], WHITE);
    light[`--mantine-color-${name}-filled`] = filledLight;
    light[`--mantine-color-${name}-filled-hover`] = darken(filledLight, 0.1);
    light[`--mantine-color-${name}-light-color`] = readable(palette[9], palette[2]);
    light[`--mantine-color-${name}-outline`] = readable(palette[lightShade], lightPage);
    light[`--mantine-color-${name}-text`] = readable(palette[lightShade], lightPage);
    const filledDark = readable(palette[darkShade], WHITE);
    dark[`--mantine-color-${name}-filled`] = filledDark;
    dark[`--mantine-color-${name}-filled-hover`] = darken(filledDark, 0.1);
    dark[`--mantine-color-${name}-outline`] = readable(palette[Math.max(darkShade - 4, 0) as 0], darkPage, AA, 'lighter');
    dark[`--mantine-color-${name}-text`] = readable(palette[4], darkPage, AA, 'lighter');
  }
  light['--mantine-color-dimmed'] = readable(gray[6], lightPage);
  dark['--mantine-color-dimmed'] = readable(darkPalette[2], darkPage, AA, 'lighter');
  return { variables: {}, light, dark };
};

/** The Light / Dark / System choice, kept in the renderer's local storage (Electron keeps it in the profile). */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'keepsake-color-scheme' });
