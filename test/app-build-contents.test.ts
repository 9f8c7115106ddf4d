/**
 * Nothing test-only ships: builds the app (`npm run build`, into the normal build/ folder that
 * electron-builder packs) and lists every file of build/main and build/renderer. Any fixture, seed,
 * fake bridge or test helper there fails the test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const BUILT = ['build/main', 'build/renderer'] as const;

/** Names that only test code has: fixtures, seeds, the renderer's fake bridge, test helpers, tests, test/. */
const TEST_ONLY = /fixture|seed|fake-bridge|test-support|test-helpers|\.test\.|(^|\/)tests?\//i;

/** The sentence the fake bridge logs when installed (src-renderer/dev/fake-bridge.ts): found even if it were inlined into a chunk. */
const FAKE_BRIDGE_SENTENCE = 'in-memory fake bridge installed';

/** Every file under a build folder, as a path relative to the repository (forward slashes). */
const listFiles = (folder: string): string[] =>
  readdirSync(join(REPO, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(REPO.length).split('\\').join('/'));

describe('the built app', () => {
  const files: string[] = [];
  before(() => {
    // tsc never deletes what it emitted before: start build/main empty so the listing is exactly what
    // today's sources produce (vite empties build/renderer itself).
    rmSync(join(REPO, 'build/main'), { recursive: true, force: true });
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    for (const folder of BUILT) files.push(...listFiles(folder));
  });

  it('holds the main process and the renderer (the listing is not empty)', () => {
    assert.ok(files.includes('build/main/src-main/electron/main.js'), 'build/main/src-main/electron/main.js');
    assert.ok(files.includes('build/main/src-main/core/keepsake.js'), 'build/main/src-main/core/keepsake.js');
    assert.ok(files.includes('build/renderer/index.html'), 'build/renderer/index.html');
    assert.ok(files.some((file) => /^build\/renderer\/assets\/.+\.js$/.test(file)), 'a renderer script in build/renderer/assets');
  });

  it('has no fixture, seed, fake bridge or test helper in build/main or build/renderer', () => {
    assert.deepEqual(
      files.filter((file) => TEST_ONLY.test(file)),
      [],
      'test-only files in the build (keep them in test/ or behind import.meta.env.DEV)',
    );
  });

  it('has no fake bridge inlined into a renderer chunk', () => {
    const scripts = files.filter((file) => file.startsWith('build/renderer/') && /\.(js|html)$/.test(file));
    assert.deepEqual(
      scripts.filter((file) => readFileSync(join(REPO, file), 'utf8').includes(FAKE_BRIDGE_SENTENCE)),
      [],
      'the fake bridge is in the production renderer (load it only under import.meta.env.DEV)',
    );
  });

  it('is the build electron-builder packs', () => {
    const config = readFileSync(join(REPO, 'electron-builder.yml'), 'utf8');
    for (const folder of BUILT) assert.match(config, new RegExp(`^\\s*- ${folder}/\\*\\*$`, 'm'));
    assert.ok(existsSync(join(REPO, 'build/preload/preload.cjs')), 'the preload was built too');
  });

  it('ships libheif (LGPL) replaceable, outside the archive, with its licence text', () => {
    const config = readFileSync(join(REPO, 'electron-builder.yml'), 'utf8');
    const unpacked = config.slice(config.indexOf('asarUnpack:'), config.indexOf('extraResources:'));
    assert.match(unpacked, /- "\*\*\/node_modules\/libheif-js\/\*\*"/);
    assert.match(config, /from: node_modules\/libheif-js\/LICENSE\s+to: licenses\//);
    assert.match(readFileSync(join(REPO, 'node_modules/libheif-js/LICENSE'), 'utf8'), /GNU LESSER GENERAL PUBLIC LICENSE/);
    // No GPL library is a dependency of the app: ffmpeg is only ever run as a separate program.
    const dependencies = Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    assert.deepEqual(dependencies.filter((name) => /ffmpeg|ffprobe/i.test(name)), []);
  });
});
