/**
 * The folder watcher, in a worker thread of its own: the kernel's event queue is drained by this
 * thread's loop, so a main thread busy writing a scan cannot make it overflow. It watches folders,
 * one watch each (inotify on Linux: a folder watch sees its own entries change; 1,000 folders of
 * 100,000 files take 1,000 watches, not 100,000), and tells the main thread only which folders
 * changed — hints, never facts: the main thread looks at those folders on disk (reconcile-folders.ts).
 *
 * No watcher library: chokidar stats and keeps every file (100,000 objects) and sends an unlink for
 * each file when a drive is unplugged; @parcel/watcher misreports paths after a folder rename; and
 * folder-level hints are all the reconciliation needs. Node's fs.watch does not report inotify
 * queue overflows, so a burst larger than the queue can hold is reported as `overflow` instead, with
 * the folders its events did name (the root then gets a folder-by-folder reconciliation).
 */
import { watch, readdirSync, statSync, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { WatchCommand, WatchReport } from './watch-messages.ts';

/** How often the dirty folders gathered are sent: one message per 100 ms, not one per event. */
const FLUSH_MS = 100;
/**
 * Events in one flush beyond which some may have been lost: Linux queues 16,384 per watcher by
 * default (fs.inotify.max_queued_events), and a burst near that size is reconciled whole.
 */
const OVERFLOW_EVENTS = 8000;

interface WatchedRoot {
  readonly rootPath: string;
  readonly watchers: Map<string, FSWatcher>;
  dirty: Set<string>;
  events: number;
  failed: boolean;
}

const port = parentPort;
if (port === null) throw new Error('watch-worker must run as a worker thread');
const send = (report: WatchReport) => port.postMessage(report);
const roots = new Map<number, WatchedRoot>();

function watchFolder(rootId: number, root: WatchedRoot, folder: string): boolean {
  if (root.watchers.has(folder) || root.failed) return true;
  let watcher: FSWatcher;
  try {
    watcher = watch(folder, { persistent: true }, (_event, name) => {
      root.events++;
      root.dirty.add(folder);
      if (name === null) return;
      // A folder that appears (created, moved in) is watched at once, with what is below it.
      const path = join(folder, name.toString());
      try {
        if (statSync(path).isDirectory()) watchTree(rootId, root, path);
      } catch {
        // Gone again, or a file: nothing to watch.
      }
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The system's watch limit (inotify: ENOSPC): the root is polled instead.
    if (code === 'ENOSPC' || code === 'EMFILE') {
      root.failed = true;
      for (const other of root.watchers.values()) other.close();
      root.watchers.clear();
      send({ kind: 'limit', rootId });
      return false;
    }
    return true; // gone or unreadable since it was listed: its parent's change says so
  }
  watcher.on('error', () => {
    // The folder went (deleted, moved away, its drive unplugged): its parent is looked at.
    watcher.close();
    root.watchers.delete(folder);
    root.dirty.add(folder);
    root.dirty.add(dirname(folder));
    root.events++;
  });
  root.watchers.set(folder, watcher);
  return true;
}

/** Watches `top` and every folder below it (a folder moved in with its subfolders). */
function watchTree(rootId: number, root: WatchedRoot, top: string): void {
  const stack = [top];
  while (stack.length > 0) {
    const folder = stack.pop() as string;
    if (!watchFolder(rootId, root, folder)) return;
    try {
      for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isDirectory() && !entry.name.startsWith('.')) stack.push(join(folder, entry.name));
    } catch {
      // Unreadable or gone: watched as far as it can be.
    }
  }
}

function stop(rootId: number): void {
  const root = roots.get(rootId);
  if (root === undefined) return;
  for (const watcher of root.watchers.values()) watcher.close();
  roots.delete(rootId);
}

port.on('message', (command: WatchCommand) => {
  switch (command.kind) {
    case 'watch': {
      stop(command.rootId);
      const root: WatchedRoot = { rootPath: command.rootPath, watchers: new Map(), dirty: new Set(), events: 0, failed: false };
      roots.set(command.rootId, root);
      for (const folder of command.folders) if (!watchFolder(command.rootId, root, folder)) break;
      // Folders the library does not know yet (empty ones, new since the last scan).
      if (!root.failed) watchTree(command.rootId, root, command.rootPath);
      if (!root.failed) send({ kind: 'watching', rootId: command.rootId, folders: root.watchers.size });
      return;
    }
    case 'unwatch':
      stop(command.rootId);
      return;
    case 'close':
      for (const rootId of [...roots.keys()]) stop(rootId);
      port.close();
      return;
  }
});

setInterval(() => {
  for (const [rootId, root] of roots) {
    if (root.dirty.size === 0) continue;
    if (root.events >= OVERFLOW_EVENTS) send({ kind: 'overflow', rootId, events: root.events, folders: [...root.dirty] });
    else send({ kind: 'dirty', rootId, folders: [...root.dirty], events: root.events });
    root.dirty = new Set();
    root.events = 0;
  }
}, FLUSH_MS);
