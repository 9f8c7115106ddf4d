import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { generateTree } from '../generate-files.ts';
import { timed } from '../timing.ts';
import type { BenchContext, BenchRow } from '../types.ts';

const CHILD = fileURLToPath(new URL('../../scan-memory-child.ts', import.meta.url));

interface ChildReport {
  baselineMiB: number | null;
  peakMiB: number | null;
  maxRssMiB: number;
  seconds: number;
  result: unknown;
}

/**
 * (6) Peak memory of a first scan of `memoryFiles` tiny files, measured in a process of its own
 * (VmHWM, worker threads included), beside that process' own baseline after opening the core.
 */
export async function peakMemory(context: BenchContext): Promise<BenchRow[]> {
  const files = context.options.memoryFiles;
  context.log(`memory: writing ${files} tiny files`);
  const generated = await timed(() => generateTree(join(context.dir, 'memory', 'root'), { files, minBytes: 64, maxBytes: 256, perFolder: 1000 }));
  context.log(`memory: scanning ${files} files in a child process (this takes a while)`);
  const report = await runChild(generated.value.root, join(context.dir, 'memory', 'data'), context.options.cores);
  const peak = report.peakMiB ?? report.maxRssMiB;
  return [
    {
      suite: 'core',
      id: 'scan_peak_memory',
      metric: `peak memory, first scan of ${files} files`,
      measured: { value: peak, unit: 'MiB' },
      limit: report.baselineMiB === null ? null : { value: report.baselineMiB, unit: 'MiB', what: 'same process after opening the core' },
      bar: '<= 250 MB',
      // The bar is in MB (10^6 bytes); compare like with like.
      checked: { value: (peak * 1024 * 1024) / 1e6, unit: 'MB' },
      pass: (peak * 1024 * 1024) / 1e6 <= 250,
      notes: [`scan took ${report.seconds.toFixed(1)} s (${Math.round(files / report.seconds)} files/s); maxRSS ${report.maxRssMiB.toFixed(1)} MiB; writing the files took ${generated.seconds.toFixed(1)} s`],
      details: { ...report },
    },
  ];
}

function runChild(root: string, dataDir: string, workers: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, root, dataDir, String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`memory child exited with ${code}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildReport);
      } catch (error) {
        reject(new Error(`memory child printed no report: ${(error as Error).message}`));
      }
    });
  });
}
