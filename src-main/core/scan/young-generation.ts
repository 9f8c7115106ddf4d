import { setFlagsFromString } from 'node:v8';

let capped = false;

/**
 * Stops V8 from growing the main thread's young generation any further (once per process). V8
 * doubles the young generation whenever enough objects have survived since its last growth, which
 * over a long scan always happens (files in flight outlive a scavenge): it ends at 128 MiB, about
 * half of a large scan's memory budget (250 MB for the whole process). Kept at its starting size it
 * is collected more often, which costs a little CPU and no measurable scan time (the scan waits on
 * SQLite and the file workers). The flag is read at each growth decision, so setting it at run
 * time takes effect. Workers have their own limits (see file-workers/file-workers.ts).
 */
export function capYoungGeneration(): void {
  if (capped) return;
  capped = true;
  setFlagsFromString('--semi-space-growth-factor=1');
}
