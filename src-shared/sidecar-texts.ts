/** What the per-library sidecars setting is called and says, wherever people read it (the app, the `keepsake` command). */

/** The setting's name. */
export const SIDECARS_LABEL = 'Keep metadata in sidecar files';

/** Shown when a library is added and beside the setting: exact text (the e2e specs look for it). */
export const SIDECARS_EXPLAINED =
  "Keep ratings, captions and albums in .xmp files beside your photos — other apps can read them, and nothing is lost if Keepsake's database is";
