/**
 * The Electron security audit in `npm test`: runs @doyensec/electronegativity over src-main and
 * fails on any finding that scripts/electronegativity-explained.json does not explain (the tool
 * itself exits 0 whatever it finds). Also fails on files it could not parse (their findings would
 * be silently lost) and on inline `eng-disable` comments (explanations live in one reviewed file).
 * The policy sent with our HTML is a named constant the tool cannot read, so it is evaluated here
 * with the tool's own CSP evaluator. Writes the full report to build/electronegativity.csv.
 *
 * Runs offline: the tool fetches translations and Electron's release list over the network, and
 * its HTTP client crashes the process when that times out; both calls are stubbed to fail at once.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../src-shared/content-security-policy.ts';

interface Explanation {
  readonly id: string;
  readonly file: string;
  readonly reason: string;
}
interface Finding {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly confidence: string;
  readonly description: string;
}

const root = join(import.meta.dirname, '..');
const input = join(root, 'src-main');
const explainedPath = join(import.meta.dirname, 'electronegativity-explained.json');
const reportPath = join(root, 'build', 'electronegativity.csv');
const require = createRequire(import.meta.url);

// --- offline: stub the tool's HTTP client before the tool loads it -------------------------------
const toolPath = require.resolve('@doyensec/electronegativity');
const toolRequire = createRequire(toolPath);
const gotPath = toolRequire.resolve('got');
const offline = (): Promise<never> => Promise.reject(new Error('offline: network calls are disabled in the audit'));
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: { __esModule: true, default: Object.assign(offline, { head: offline }) },
} as unknown as NodeJS.Module;

const run = require(toolPath) as (options: Record<string, unknown>) => Promise<{
  issues: { id: string; file: string; location: { line: number; column: number }; severity: { name?: string; value: number }; confidence: { name?: string; value: number }; description: string }[];
  errors: { file: string; message: string; tolerable: boolean }[];
}>;
const csp = toolRequire('@doyensec/csp-evaluator') as {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (policy: unknown, version: unknown) => { evaluate(): { severity: number; directive: string; value?: string; description: string }[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
};

const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const explanations = JSON.parse(readFileSync(explainedPath, 'utf8')) as Explanation[];
const problems: string[] = [];
for (const [index, entry] of explanations.entries()) {
  if (typeof entry.id !== 'string' || typeof entry.file !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 40) {
    problems.push(`explanation #${index + 1} needs an id, a file and a real reason (40+ characters)`);
  }
}

// --- 1. the tool itself ---------------------------------------------------------------------------
mkdirSync(join(root, 'build'), { recursive: true });
const result = await run({
  input,
  output: reportPath,
  isSarif: false,
  isRelative: true,
  // The version check would look Electron up online; the installed version is the one we ship.
  excludeFromScan: ['availablesecurityfixesglobalcheck'],
  electronVersionOverride: electronVersion,
  electronVersion,
  parserPlugins: [],
});
const findings: Finding[] = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file.split(sep).join('/'),
  line: issue.location.line,
  column: issue.location.column,
  severity: issue.severity.name ?? String(issue.severity.value),
  confidence: issue.confidence.name ?? String(issue.confidence.value),
  description: issue.description,
}));
for (const error of result.errors.filter((e) => !e.tolerable)) {
  problems.push(`could not parse ${relative(root, error.file)}: ${error.message} (its findings would be lost)`);
}

// --- 2. our CSP, which the tool sees only as an identifier ----------------------------------------
const serious = new Set([csp.severities['HIGH'], csp.severities['MEDIUM'], csp.severities['HIGH_MAYBE'], csp.severities['MEDIUM_MAYBE'], csp.severities['SYNTAX']]);
for (const note of new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate()) {
  if (!serious.has(note.severity)) continue;
  const severity = Object.entries(csp.severities).find(([, value]) => value === note.severity)?.[0] ?? String(note.severity);
  findings.push({ id: `CSP_EVALUATOR:${note.directive}`, file: 'media/media-handler.ts', line: 0, column: 0, severity, confidence: 'EVALUATED', description: `${note.value ?? ''} ${note.description}`.trim() });
}

// --- 3. no inline silencing -----------------------------------------------------------------------
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
for (const file of walk(input).filter((f) => /\.(ts|tsx|js|html)$/.test(f))) {
  if (/eng-disable/.test(readFileSync(file, 'utf8'))) problems.push(`${relative(root, file)}: inline "eng-disable" — explain the finding in ${relative(root, explainedPath)} instead`);
}

// --- verdict --------------------------------------------------------------------------------------
const explains = (entry: Explanation, finding: Finding): boolean => entry.id === finding.id && entry.file === finding.file;
const unexplained = findings.filter((finding) => !explanations.some((entry) => explains(entry, finding)));
const stale = explanations.filter((entry) => !findings.some((finding) => explains(entry, finding)));

for (const finding of findings) {
  const entry = explanations.find((e) => explains(e, finding));
  const where = `${finding.file}${finding.line ? `:${finding.line}:${finding.column}` : ''}`;
  console.log(`${entry ? 'explained  ' : 'UNEXPLAINED'} ${finding.id} [${finding.severity}/${finding.confidence}] ${where}`);
  console.log(`            ${entry ? `why: ${entry.reason}` : finding.description}`);
}
for (const entry of stale) console.log(`note: explanation no longer needed (no such finding): ${entry.id} in ${entry.file}`);
for (const problem of problems) console.error(`ERROR: ${problem}`);
const scanned = walk(input).filter((f) => /\.(ts|tsx|js|html)$/.test(f)).length;
console.log(
  `electronegativity ${existsSync(reportPath) ? '(report: build/electronegativity.csv) ' : ''}— ${scanned} files, ${findings.length} findings: ` +
    `${findings.length - unexplained.length} explained, ${unexplained.length} unexplained${problems.length ? `, ${problems.length} problems` : ''}`,
);
if (unexplained.length > 0 || problems.length > 0) process.exit(1);
