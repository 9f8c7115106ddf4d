/** The Mantine theme: system fonts only (offline-first: nothing is fetched from the network). */
import { Badge, createTheme } from '@mantine/core';

/** Keepsake's theme. */
export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  // Labels read as written ("Missing", "Offline"), as LibrePhotos shows them.
  components: { Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }) },
});
