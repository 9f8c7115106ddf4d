/** What the main thread tells the watch worker (watch-worker.ts). */
export type WatchCommand =
  | { readonly kind: 'watch'; readonly rootId: number; readonly rootPath: string; readonly folders: readonly string[] }
  | { readonly kind: 'unwatch'; readonly rootId: number }
  | { readonly kind: 'close' };

/** What the watch worker reports. */
export type WatchReport =
  /** The root is watched, with this many folder watches. */
  | { readonly kind: 'watching'; readonly rootId: number; readonly folders: number }
  /** These folders' entries changed (or the folder itself went) since the last report. */
  | { readonly kind: 'dirty'; readonly rootId: number; readonly folders: readonly string[]; readonly events: number }
  /** More events than the kernel queue surely held: some may be lost; `folders` are those the events that did arrive named. */
  | { readonly kind: 'overflow'; readonly rootId: number; readonly events: number; readonly folders: readonly string[] }
  /** The system's watch limit was reached: the root is not watched, it must be polled. */
  | { readonly kind: 'limit'; readonly rootId: number };
