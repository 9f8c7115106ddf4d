/**
 * The process runner under every ffmpeg call: a stuck process is killed (SIGTERM, then SIGKILL) at
 * the timeout or the moment the signal aborts, output is capped, and a real ffmpeg blocked opening
 * a FIFO does not outlive its timeout. Fake tools are shell scripts in a temp folder. Bounds are
 * upper bounds with a wide margin (2 shared cores), not timings.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FFMPEG_PATH, FFPROBE_PATH, ffmpegSkip, ffprobeSkip } from '../../../test/support/video-tools.ts';
import { failureReason, runVideoTool, videoInput, VideoToolError } from './run-video-tool.ts';

const windows = process.platform === 'win32';
let dir = '';

/** A shell script standing in for ffmpeg. */
function fakeTool(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The pid a fake tool wrote to `file` once it started. */
async function pidIn(file: string): Promise<number> {
  await until(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '', 5000);
  return Number(readFileSync(file, 'utf8'));
}

const run = { timeoutMs: 10_000, maxStdout: 1024 * 1024 };

describe('runVideoTool', { skip: windows && 'shell-script fakes' }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-run-tool-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves with the exit code, stdout and stderr of a tool that fails', async () => {
    const tool = fakeTool('fails', 'echo out; echo "[mov @ 0x1234] broken" >&2; exit 3');
    const result = await runVideoTool(tool, [], run);
    assert.equal(result.code, 3);
    assert.equal(result.stdout.toString(), 'out\n');
    assert.equal(failureReason(result.stderr, '/x'), 'broken');
  });

  it('kills a process that runs past the timeout, and rejects at the timeout', async () => {
    const pidFile = join(dir, 'sleeper.pid');
    const tool = fakeTool('sleeper', 'echo $$ > "$1"; exec sleep 30');
    const started = Date.now();
    await assert.rejects(runVideoTool(tool, [pidFile], { ...run, timeoutMs: 300 }), (error: unknown) => {
      assert.ok(error instanceof VideoToolError);
      assert.equal(error.failure, 'timeout');
      return true;
    });
    assert.ok(Date.now() - started < 2000, `rejected after ${Date.now() - started} ms`);
    const pid = await pidIn(pidFile);
    await until(() => !alive(pid), 3000);
  });

  it('SIGKILLs one that ignores SIGTERM', async () => {
    const pidFile = join(dir, 'stubborn.pid');
    const tool = fakeTool('stubborn', `trap '' TERM; echo $$ > "$1"; while :; do sleep 0.05; done`);
    await assert.rejects(runVideoTool(tool, [pidFile], { ...run, timeoutMs: 300 }), { name: 'VideoToolError', failure: 'timeout' });
    const pid = await pidIn(pidFile);
    await until(() => !alive(pid), 3000);
  });

  it('rejects with the reason at once when the signal aborts, and kills the process', async () => {
    const pidFile = join(dir, 'aborted.pid');
    const tool = fakeTool('aborted', 'echo $$ > "$1"; exec sleep 30');
    const controller = new AbortController();
    const running = runVideoTool(tool, [pidFile], { ...run, signal: controller.signal });
    const pid = await pidIn(pidFile);
    const abortedAt = Date.now();
    controller.abort(new Error('scan cancelled'));
    await assert.rejects(running, { message: 'scan cancelled' });
    assert.ok(Date.now() - abortedAt < 200, `rejected ${Date.now() - abortedAt} ms after the abort`);
    await until(() => !alive(pid), 3000);
  });

  it('does not start at all with a signal already aborted', async () => {
    const pidFile = join(dir, 'never.pid');
    const tool = fakeTool('never', 'echo $$ > "$1"');
    await assert.rejects(runVideoTool(tool, [pidFile], { ...run, signal: AbortSignal.abort() }), { name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(existsSync(pidFile), false);
  });

  it('kills a process writing more than maxStdout', async () => {
    const tool = fakeTool('flood', 'head -c 50000000 /dev/zero');
    await assert.rejects(runVideoTool(tool, [], { ...run, maxStdout: 100_000 }), { name: 'VideoToolError', failure: 'too-much-output' });
  });

  it('keeps the start and the end of a flood on stderr, not all of it', async () => {
    const tool = fakeTool('chatty', 'head -c 3000000 /dev/zero | tr "\\0" "x" >&2; echo >&2; echo "the real reason" >&2; exit 1');
    const { stderr } = await runVideoTool(tool, [], run);
    assert.ok(stderr.length < 300 * 1024, `${stderr.length} chars kept`);
    assert.equal(failureReason(stderr, '/x'), 'the real reason');
  });

  it('says a tool is missing or not executable', async () => {
    await assert.rejects(runVideoTool(join(dir, 'nothing-here'), [], run), { name: 'VideoToolError', failure: 'missing' });
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    // root may run any file with an x bit, but not one without.
    await assert.rejects(runVideoTool(plain, [], run), { name: 'VideoToolError', failure: 'not-executable' });
  });
});

describe('a real ffmpeg or ffprobe blocked opening a FIFO', { skip: windows && 'no FIFOs' }, () => {
  let fifo = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-run-fifo-'));
    fifo = join(dir, 'clip.mp4');
    execFileSync('mkfifo', [fifo]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Whether some process still has the FIFO open to read (one blocked in open() counts). */
  function hasReader(): boolean {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      return true;
    } catch {
      return false;
    }
  }

  for (const [name, file, args, skip] of [
    ['ffmpeg', FFMPEG_PATH, ['-nostdin', '-hide_banner', '-i', fifo], ffmpegSkip],
    ['ffprobe', FFPROBE_PATH, ['-hide_banner', '-v', 'error', '-show_format', '-i', fifo], ffprobeSkip],
  ] as const) {
    it(`${name} is killed at the timeout`, { skip }, async () => {
      const started = Date.now();
      // Given the FIFO's path here directly: probeVideo and videoPoster refuse one before running anything.
      await assert.rejects(runVideoTool(file, [...args.slice(0, -1), fifo], { ...run, timeoutMs: 500 }), { name: 'VideoToolError', failure: 'timeout' });
      assert.ok(Date.now() - started < 3000, `rejected after ${Date.now() - started} ms`);
      // A blocked reader counts as one (hasReader would release it): so it must be gone, not just told.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(hasReader(), false, `${name} still has the FIFO open`);
    });
  }
});

describe('failureReason', () => {
  it('keeps the last meaningful line, without context, path or length', () => {
    const stderr = [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x18e03c40] moov atom not found',
      '/photos/a.mp4: Invalid data found when processing input',
      'Conversion failed!',
      '',
    ].join('\n');
    assert.equal(failureReason(stderr, '/photos/a.mp4'), 'Invalid data found when processing input');
    assert.equal(failureReason('', '/x'), 'no reason given');
    const ffmpeg7 = "[in#0 @ 0x5581] Error opening input: Invalid data found when processing input\nError opening input file /photos/a.mp4.\nError opening input files: Invalid data found when processing input\n";
    assert.equal(failureReason(ffmpeg7, '/photos/a.mp4'), 'Invalid data found when processing input');
    assert.ok(failureReason('y'.repeat(5000), '/x').length <= 160);
  });
});

describe('videoInput', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-video-input-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a name that looks like an option or a protocol an absolute path', async () => {
    writeFileSync(join(dir, '-x.mp4'), '');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.equal(await videoInput('-x.mp4'), join(dir, '-x.mp4'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a FIFO or a folder at once, and passes on ENOENT for a file that is gone', { skip: windows && 'no FIFOs' }, async () => {
    const fifo = join(dir, 'pipe.mp4');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(videoInput(fifo), { name: 'NotRegularFileError', code: 'ENOTREG' });
    await assert.rejects(videoInput(dir), { name: 'NotRegularFileError' });
    await assert.rejects(videoInput(join(dir, 'gone.mp4')), { code: 'ENOENT' });
  });
});
