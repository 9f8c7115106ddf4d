/**
 * The renderer's Content-Security-Policy: sent with every HTML page by the app's scheme handler, and
 * written into the built page's <meta> (vite.config.ts) — both apply, so both come from here.
 * Mantine injects `<style>` tags at run time, hence 'unsafe-inline' for styles only; scripts come
 * from our origin alone. Thumbnails and videos are same-origin (`/media/...`); `data:`/`blob:` cover
 * generated previews. `font-src` allows `data:` because Vite inlines small assets (fonts under 4 kB).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

/** The policy as an HTTP header. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy for a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there, with a warning). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');
