/**
 * Runs one first scan in a process of its own and prints its peak memory as one JSON line:
 * `node bench/scan-memory-child.ts ROOT DATA_DIR [WORKERS]`. Peak = the kernel's high-water mark of
 * resident memory (VmHWM; worker threads included), cross-checked with resourceUsage().maxRSS.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { addLibrary, openCore, runTimedJob } from './lib/core-driver.ts';

/** The process' resident-memory high-water mark in MiB (VmHWM), or null off Linux. */
function vmHwmMiB(): number | null {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return line?.[1] ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const [root, dataDir, workersArg] = process.argv.slice(2);
if (!root || !dataDir) {
  process.stderr.write('usage: node bench/scan-memory-child.ts ROOT DATA_DIR [WORKERS]\n');
  process.exit(2);
}
const core = await openCore(dataDir, workersArg ? Number(workersArg) : undefined);
const libraryId = await addLibrary(core, 'memory', [root]);
const baselineMiB = vmHwmMiB();
const start = performance.now();
// A sample every 15 s on stderr, so a long run that is stopped still tells how memory grew.
let done = 0;
const unsubscribe = core.on('job.progress', (event) => {
  done = event.current;
});
const sampler = setInterval(() => {
  const seconds = (performance.now() - start) / 1000;
  process.stderr.write(`memory sample: ${seconds.toFixed(0)} s, ${done} files, peak ${vmHwmMiB()?.toFixed(0) ?? '?'} MiB\n`);
}, 15_000);
sampler.unref();
const job = await runTimedJob(core, { type: 'scan_photos', libraryId });
clearInterval(sampler);
unsubscribe();
const seconds = (performance.now() - start) / 1000;
const peakMiB = vmHwmMiB();
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
await core.close();
process.stdout.write(`${JSON.stringify({ baselineMiB, peakMiB, maxRssMiB, seconds, result: job.record.result })}\n`);
