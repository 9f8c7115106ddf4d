/**
 * Which ffmpeg Keepsake uses: Settings, then KEEPSAKE_FFMPEG, then PATH; each verified by running
 * it; a bad explicit path is a problem Settings can show, not a silent fallback. Fake tools are
 * shell scripts that log each run, so the cache can be counted.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FFMPEG_PATH, FFPROBE_PATH, ffmpegSkip, ffprobeSkip } from '../../../test/support/video-tools.ts';
import { findVideoTools, isVideoToolsProblem, resetVideoTools, type VideoTools } from './find-video-tools.ts';

const windows = process.platform === 'win32';
let dir = '';
const log = (): string[] => readFileSync(join(dir, 'runs.log'), 'utf8').split('\n').filter((line) => line !== '');

/** A folder holding scripts named `ffmpeg`/`ffprobe` that print a version (or what `body` says) and log each run. */
function fakeFolder(name: string, bodies: { ffmpeg?: string; ffprobe?: string | null } = {}): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    const body = bodies[tool] === undefined ? `echo "${tool} version 9.9-fake Copyright (c) the FFmpeg developers"` : bodies[tool];
    if (body === null) continue;
    writeFileSync(join(folder, tool), `#!/bin/sh\necho "${name}/${tool}" >> "${join(dir, 'runs.log')}"\n${body}\n`);
    chmodSync(join(folder, tool), 0o755);
  }
  return folder;
}

describe('findVideoTools', { skip: windows && 'shell-script fakes' }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-find-tools-'));
    writeFileSync(join(dir, 'runs.log'), '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => resetVideoTools());

  it('verifies the real ffmpeg set in Settings and reads its version', { skip: ffmpegSkip }, async (t) => {
    const started = performance.now();
    const tools = await findVideoTools({ ffmpegPath: FFMPEG_PATH, env: {} });
    t.diagnostic(`resolved in ${(performance.now() - started).toFixed(0)} ms (one ffmpeg -version)`);
    assert.ok(tools !== null && !isVideoToolsProblem(tools));
    assert.equal(tools.ffmpeg, FFMPEG_PATH);
    assert.match(tools.version, /^\S+$/);
    // The installer keeps ffprobe in another package: nothing beside this ffmpeg.
    assert.equal(tools.ffprobe, null);
  });

  it('finds ffprobe beside ffmpeg, also when Settings names the folder', { skip: ffprobeSkip }, async (t) => {
    const folder = join(dir, 'real');
    mkdirSync(folder);
    symlinkSync(FFMPEG_PATH, join(folder, 'ffmpeg'));
    symlinkSync(FFPROBE_PATH, join(folder, 'ffprobe'));
    const started = performance.now();
    const tools = (await findVideoTools({ ffmpegPath: folder, env: {} })) as VideoTools;
    t.diagnostic(`resolved in ${(performance.now() - started).toFixed(0)} ms (ffmpeg and ffprobe -version side by side)`);
    assert.deepEqual({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe }, { ffmpeg: join(folder, 'ffmpeg'), ffprobe: join(folder, 'ffprobe') });
  });

  it('says clearly when the ffmpeg set in Settings is missing, relative, not ffmpeg or not executable', async () => {
    const missing = await findVideoTools({ ffmpegPath: join(dir, 'no', 'ffmpeg'), env: {} });
    assert.deepEqual(missing, { problem: `The ffmpeg set in Settings was not found (${join(dir, 'no', 'ffmpeg')})` });
    assert.match((await findVideoTools({ ffmpegPath: 'bin/ffmpeg', env: {} }) as { problem: string }).problem, /must be a full path/);
    const impostor = fakeFolder('impostor', { ffmpeg: 'echo "hello"' });
    assert.match((await findVideoTools({ ffmpegPath: join(impostor, 'ffmpeg'), env: {} }) as { problem: string }).problem, /\(.*impostor\/ffmpeg\) is not ffmpeg$/);
    const plain = fakeFolder('plain');
    chmodSync(join(plain, 'ffmpeg'), 0o644);
    assert.match((await findVideoTools({ ffmpegPath: join(plain, 'ffmpeg'), env: {} }) as { problem: string }).problem, /is not executable$/);
  });

  it('gives up on one that does not answer -version', async () => {
    const stuck = fakeFolder('stuck', { ffmpeg: 'exec sleep 30' });
    const started = Date.now();
    const result = await findVideoTools({ ffmpegPath: join(stuck, 'ffmpeg'), env: {}, timeoutMs: 300 });
    assert.match((result as { problem: string }).problem, /did not answer "-version" within 0.3 s$/);
    assert.ok(Date.now() - started < 2000);
  });

  it('does not swap a bad explicit path for the ffmpeg on PATH', async () => {
    const onPath = fakeFolder('on-path');
    assert.ok(isVideoToolsProblem(await findVideoTools({ ffmpegPath: join(dir, 'gone'), env: { PATH: onPath } })));
    assert.ok(isVideoToolsProblem(await findVideoTools({ env: { KEEPSAKE_FFMPEG: join(dir, 'gone'), PATH: onPath } })));
  });

  it('takes Settings, then KEEPSAKE_FFMPEG, then PATH', async () => {
    const settings = fakeFolder('settings');
    const env = fakeFolder('env', { ffprobe: null });
    const path = fakeFolder('path');
    const all = { KEEPSAKE_FFMPEG: join(env, 'ffmpeg'), PATH: `${join(dir, 'nowhere')}:${path}` };
    assert.deepEqual(await findVideoTools({ ffmpegPath: join(settings, 'ffmpeg'), env: all }), { ffmpeg: join(settings, 'ffmpeg'), ffprobe: join(settings, 'ffprobe'), version: '9.9-fake' });
    assert.deepEqual(await findVideoTools({ ffmpegPath: null, env: all }), { ffmpeg: join(env, 'ffmpeg'), ffprobe: null, version: '9.9-fake' });
    assert.deepEqual(await findVideoTools({ ffmpegPath: '  ', env: { PATH: all.PATH } }), { ffmpeg: join(path, 'ffmpeg'), ffprobe: join(path, 'ffprobe'), version: '9.9-fake' });
  });

  it('returns null when there is none anywhere, and leaves out an ffprobe that is not one', async () => {
    assert.equal(await findVideoTools({ env: { PATH: join(dir, 'nowhere') } }), null);
    assert.equal(await findVideoTools({ env: {} }), null);
    const badProbe = fakeFolder('bad-probe', { ffprobe: 'exit 1' });
    assert.equal(((await findVideoTools({ ffmpegPath: join(badProbe, 'ffmpeg'), env: {} })) as VideoTools).ffprobe, null);
  });

  it('answers from its cache until the setting changes or it is reset', async () => {
    const cached = fakeFolder('cached');
    const runs = (): number => log().filter((line) => line === 'cached/ffmpeg').length;
    const before = runs();
    const first = findVideoTools({ ffmpegPath: join(cached, 'ffmpeg'), env: {} });
    const second = findVideoTools({ ffmpegPath: join(cached, 'ffmpeg'), env: {} });
    assert.equal(first, second);
    await first;
    await findVideoTools({ ffmpegPath: join(cached, 'ffmpeg'), env: {} });
    assert.equal(runs(), before + 1);
    resetVideoTools();
    await findVideoTools({ ffmpegPath: join(cached, 'ffmpeg'), env: {} });
    assert.equal(runs(), before + 2);
    // Another setting is another answer (here: a problem), and going back looks again.
    assert.ok(isVideoToolsProblem(await findVideoTools({ ffmpegPath: join(dir, 'gone'), env: {} })));
    await findVideoTools({ ffmpegPath: join(cached, 'ffmpeg'), env: {} });
    assert.equal(runs(), before + 3);
  });
});
