/**
 * `npm run bench`: generates libraries in a temporary folder and prints each speed and memory
 * figure beside the machine's own limit measured in the same run (issue 2, "Speed and memory"),
 * then writes bench/results/latest.json. It reports; it never fails the test suite.
 * Suites are the files bench/suites/*.bench.ts (add one there to add a benchmark).
 */
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BENCH_USAGE, parseBenchArgs } from './lib/options.ts';
import { formatTable, writeReport } from './lib/report.ts';
import { runBench } from './lib/run.ts';

// As the app's entry points do (bin/keepsake.js, the Electron main): the hashing workers share it.
enableCompileCache();

const DEFAULT_OUT = fileURLToPath(new URL('./results/latest.json', import.meta.url));

let parsed;
try {
  parsed = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n\n${BENCH_USAGE}\n`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(`${BENCH_USAGE}\n`);
  process.exit(0);
}
const started = Date.now();
const report = await runBench(parsed.options, (message) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`));
const out = parsed.out ?? DEFAULT_OUT;
writeReport(out, report);
process.stdout.write(`\n${formatTable(report.rows)}\n`);
for (const failure of report.failures) process.stdout.write(`\nsuite ${failure.suite} could not run: ${failure.error}\n`);
const passed = report.rows.filter((row) => row.pass === true).length;
const judged = report.rows.filter((row) => row.pass !== null).length;
const { machine } = report;
process.stdout.write(`\nmachine: ${String(machine.cores)} cores, ${String(machine.cpu)}, Node ${String(machine.node)}; load average ${Number(machine.loadAverageAtStart).toFixed(2)} at start, ${Number(machine.loadAverageAtEnd).toFixed(2)} at end\n`);
process.stdout.write(`${passed}/${judged} bars met; ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${out}\n`);
