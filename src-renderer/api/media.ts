/**
 * Media URLs for the renderer. The contract's helpers give absolute `/media/...` paths; the page is
 * served from the app origin's root (`keepsake://app/`, `http://keepsake.localhost/`), so they resolve
 * to the same origin. Kept here so that views never build media paths themselves.
 */
export { thumbnailUrl, fileUrl, previewUrl } from '../../src-shared/contract.ts';
export { needsPreview } from '../../src-shared/browser-formats.ts';
