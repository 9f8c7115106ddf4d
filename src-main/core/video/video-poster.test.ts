/**
 * videoPoster on the corpus clips (ffmpeg test patterns): a PNG sharp decodes, at the expected size
 * (never enlarged, rotation and non-square pixels honoured) and not one flat colour. Stubs and
 * broken files give one short line; FIFOs, hangs and aborts end at once or at the timeout.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { FFMPEG_PATH, ffmpegSkip, testVideoTools } from '../../../test/support/video-tools.ts';
import { VideoToolError } from './run-video-tool.ts';
import { posterTimeS, videoPoster } from './video-poster.ts';

const windows = process.platform === 'win32';
const tools = testVideoTools(false);
const short = (error: unknown): boolean => error instanceof VideoToolError && !error.message.includes('\n') && error.message.length < 200;

/** The poster's size, and whether it shows a picture (a test pattern) rather than one colour. */
async function look(png: Buffer): Promise<{ width: number; height: number; flat: boolean }> {
  const { info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const stats = await sharp(png).stats();
  return { width: info.width, height: info.height, flat: stats.channels.every((channel) => channel.stdev < 10) };
}

describe('videoPoster', { skip: ffmpegSkip }, () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-poster-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [file, durationS, size] of [
    ['video/clip-h264.mp4', 3, { width: 256, height: 144 }],
    ['video/clip-vp9.webm', 3, { width: 256, height: 144 }],
    ['video/clip.mov', 2, { width: 256, height: 144 }],
  ] as const) {
    it(`takes a frame of ${file}`, async (t) => {
      const started = performance.now();
      const png = await videoPoster(tools, corpusFile(file), { atS: posterTimeS(durationS), maxSide: 256 });
      t.diagnostic(`${(performance.now() - started).toFixed(0)} ms, ${png.length} bytes`);
      assert.deepEqual(await look(png), { ...size, flat: false });
    });
  }

  it('never enlarges, and shrinks the long side to maxSide', async () => {
    assert.deepEqual(await look(await videoPoster(tools, corpusFile('video/clip-h264.mp4'), { maxSide: 1000 })), { width: 640, height: 360, flat: false });
    assert.deepEqual(await look(await videoPoster(tools, corpusFile('video/clip.mov'), { maxSide: 100 })), { width: 100, height: 56, flat: false });
  });

  it('turns a rotated clip as a player would', async () => {
    const rotated = join(dir, 'rotated.mp4');
    execFileSync(FFMPEG_PATH, ['-nostdin', '-v', 'error', '-y', '-i', corpusFile('video/clip-h264.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    assert.deepEqual(await look(await videoPoster(tools, rotated, { maxSide: 256 })), { width: 144, height: 256, flat: false });
  });

  it('squeezes non-square pixels (DV 720x576, 16:9) to their shape', async () => {
    const { width, height } = await look(await videoPoster(tools, corpusFile('exiftool-samples/DV.dv'), { maxSide: 256 }));
    assert.deepEqual({ width, height }, { width: 256, height: 144 });
    assert.deepEqual(await look(await videoPoster(tools, corpusFile('exiftool-samples/DV.dv'), { maxSide: 4096 })).then(({ width, height }) => ({ width, height })), { width: 720, height: 405 });
  });

  it('falls back to the first frame when the clip ends before atS', async () => {
    assert.equal((await look(await videoPoster(tools, corpusFile('video/clip.mov'), { atS: 100, maxSide: 64 }))).width, 64);
  });

  // What exiftool's stub videos give (see the report): DV has a whole frame, the others none.
  for (const [file, reason] of [
    ['exiftool-samples/QuickTime.mov', /^ffmpeg could not read a frame: /],
    ['exiftool-samples/Pentax.avi', /^ffmpeg could not read a frame: /],
    ['exiftool-samples/RIFF.avi', /^ffmpeg could not read a frame: /],
    ['exiftool-samples/M2TS.mts', /^ffmpeg could not read a frame: /],
    ['exiftool-samples/Matroska.mkv', /^ffmpeg could not read a frame: End of file$/],
    ['exiftool-samples/ASF.wmv', /^ffmpeg could not read a frame: Invalid data found when processing input$/],
  ] as const) {
    it(`says in one line why ${file} has no frame`, async (t) => {
      await assert.rejects(videoPoster(tools, corpusFile(file), { atS: 0.1, maxSide: 256 }), (error: unknown) => {
        t.diagnostic((error as Error).message);
        return short(error) && reason.test((error as Error).message);
      });
    });
  }

  it('says a clip cut short or without a picture cannot give a frame', async () => {
    const headless = join(dir, 'headless.mp4');
    writeFileSync(headless, readFileSync(corpusFile('video/clip-h264.mp4')).subarray(100_000));
    await assert.rejects(videoPoster(tools, headless, { maxSide: 256 }), { name: 'VideoToolError', message: /^ffmpeg could not read a frame: (Invalid data found when processing input|moov atom not found)$/ });
    const sound = join(dir, 'sound.mp4');
    execFileSync(FFMPEG_PATH, ['-nostdin', '-v', 'error', '-y', '-i', corpusFile('video/clip-h264.mp4'), '-vn', '-c:a', 'copy', sound]);
    await assert.rejects(videoPoster(tools, sound, { maxSide: 256 }), { name: 'VideoToolError', message: 'ffmpeg could not read a frame: no video stream' });
  });

  it('reads a file whose name looks like an option, a protocol or a pattern', async () => {
    const odd = join(dir, "-ss 99 pipe:1 %03d 'x'.mov");
    copyFileSync(corpusFile('video/clip.mov'), odd);
    assert.equal((await look(await videoPoster(tools, odd, { maxSide: 32 }))).width, 32);
  });

  it('refuses a FIFO at once, a bad maxSide, and a signal already aborted', { skip: windows && 'no FIFOs' }, async () => {
    const fifo = join(dir, 'fifo.mp4');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    await assert.rejects(videoPoster(tools, fifo, { maxSide: 256, timeoutMs: 60_000 }), { name: 'NotRegularFileError', code: 'ENOTREG' });
    assert.ok(Date.now() - started < 1000);
    await assert.rejects(videoPoster(tools, corpusFile('video/clip.mov'), { maxSide: 0 }), RangeError);
    await assert.rejects(videoPoster(tools, corpusFile('video/clip.mov'), { maxSide: 256, signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('ends a hanging ffmpeg at the timeout, or at once when aborted', { skip: windows && 'shell-script fake' }, async () => {
    const hanging = join(dir, 'ffmpeg');
    writeFileSync(hanging, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(hanging, 0o755);
    const stuck = { ffmpeg: hanging, ffprobe: null, version: 'fake' };
    const started = Date.now();
    await assert.rejects(videoPoster(stuck, corpusFile('video/clip.mov'), { maxSide: 256, timeoutMs: 300 }), { name: 'VideoToolError', failure: 'timeout', message: 'ffmpeg did not finish within 0.3 s' });
    assert.ok(Date.now() - started < 2000);
    const controller = new AbortController();
    const running = videoPoster(stuck, corpusFile('video/clip.mov'), { maxSide: 256, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const abortedBy = Date.now() + 100;
    await assert.rejects(running, { name: 'AbortError' });
    assert.ok(Date.now() - abortedBy < 500);
  });
});

describe('posterTimeS', () => {
  it('is 10% in, at most 3 s, and the first frame for a short or unknown clip', () => {
    assert.equal(posterTimeS(10), 1);
    assert.equal(posterTimeS(3600), 3);
    assert.equal(posterTimeS(0.5), 0);
    assert.equal(posterTimeS(null), 0);
  });
});
