/**
 * probeVideo on the corpus clips and stubs, through ffprobe's JSON and through `ffmpeg -i`'s report
 * (the fallback when no ffprobe sits beside ffmpeg): both must read the same duration, date, size
 * and rotation. Broken and non-video files give one short line, a FIFO is refused at once.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { FFMPEG_PATH, ffmpegSkip, ffprobeSkip, testVideoTools } from '../../../test/support/video-tools.ts';
import { fromFfmpegReport, fromProbeReport, probeVideo, videoDate, type VideoProbe } from './probe-video.ts';
import { VideoToolError } from './run-video-tool.ts';

const windows = process.platform === 'win32';
let dir = '';

const CLIPS: { file: string; durationS: number; expect: Omit<VideoProbe, 'durationS'> }[] = [
  { file: 'video/clip-h264.mp4', durationS: 3, expect: { createdAt: '2024-06-01T10:00:00+00:00', width: 640, height: 360, rotation: 0 } },
  { file: 'video/clip-vp9.webm', durationS: 3, expect: { createdAt: null, width: 640, height: 360, rotation: 0 } },
  { file: 'video/clip.mov', durationS: 2, expect: { createdAt: '2023-12-24T18:30:00+00:00', width: 1280, height: 720, rotation: 0 } },
];

/**
 * exiftool's stub videos (headers, little or no picture): what the headers say is read, the rest
 * errs in one line. Durations of stubs differ between ffmpeg versions, so only sizes and dates are
 * checked; an ffmpeg that parses more of a stub may answer where this one fails (hence `or`).
 */
const STUBS: { file: string; reads?: Partial<VideoProbe>; or?: RegExp }[] = [
  { file: 'exiftool-samples/QuickTime.mov', reads: { createdAt: '2005-08-11T14:03:54+00:00', width: 320, height: 240 } },
  // AVI's date is local time with no zone: kept as such.
  { file: 'exiftool-samples/Pentax.avi', reads: { createdAt: '2009-10-27T12:14:34', durationS: null, width: 1280, height: 720 } },
  { file: 'exiftool-samples/RIFF.avi', reads: { createdAt: '2003-03-10T15:04:43', durationS: null, width: 320, height: 240 } },
  { file: 'exiftool-samples/M2TS.mts', reads: { createdAt: null, width: 1920, height: 1080 } },
  { file: 'exiftool-samples/DV.dv', reads: { createdAt: null, width: 720, height: 576 } },
  { file: 'exiftool-samples/Matroska.mkv', or: /could not read the file: End of file$/ },
  { file: 'exiftool-samples/ASF.wmv', or: /could not read the file: Invalid data found when processing input$/ },
];

const short = (error: unknown): boolean => error instanceof VideoToolError && !error.message.includes('\n') && error.message.length < 200;

for (const withFfprobe of [true, false]) {
  const how = withFfprobe ? 'ffprobe JSON' : 'ffmpeg -i report';
  describe(`probeVideo through the ${how}`, { skip: withFfprobe ? ffprobeSkip : ffmpegSkip }, () => {
    const tools = testVideoTools(withFfprobe);
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'keepsake-probe-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const clip of CLIPS) {
      it(`reads ${clip.file}`, async (t) => {
        const started = performance.now();
        const probe = await probeVideo(tools, corpusFile(clip.file));
        t.diagnostic(`${(performance.now() - started).toFixed(0)} ms`);
        assert.ok(Math.abs((probe.durationS ?? 0) - clip.durationS) < 0.1, `duration ${probe.durationS}`);
        assert.deepEqual({ ...probe, durationS: undefined }, { ...clip.expect, durationS: undefined });
      });
    }

    it('reads a rotated clip and prefers Apple\'s local creation date with its zone', async () => {
      const rotated = join(dir, 'rotated.mp4');
      execFileSync(FFMPEG_PATH, ['-nostdin', '-v', 'error', '-y', '-i', corpusFile('video/clip-h264.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90',
        '-metadata', 'creation_time=2024-06-01T10:00:00Z', '-metadata', 'com.apple.quicktime.creationdate=2024-06-01T12:00:00+0200', '-movflags', 'use_metadata_tags', rotated]);
      const probe = await probeVideo(tools, rotated);
      // Stored 640x360, turned a quarter when shown (ffmpeg 4.1 writes rotate=90 as a 270° matrix: only "a quarter" is checked).
      assert.deepEqual({ width: probe.width, height: probe.height, createdAt: probe.createdAt }, { width: 640, height: 360, createdAt: '2024-06-01T12:00:00+02:00' });
      assert.equal(probe.rotation % 180, 90);
    });

    for (const stub of STUBS) {
      it(`reads what ${stub.file} holds or says in one line why not`, async (t) => {
        try {
          const probe = await probeVideo(tools, corpusFile(stub.file));
          t.diagnostic(JSON.stringify(probe));
          assert.ok(stub.reads !== undefined, 'read a stub expected to fail: update the table');
          for (const [key, value] of Object.entries(stub.reads)) assert.equal(probe[key as keyof VideoProbe], value, key);
        } catch (error) {
          t.diagnostic((error as Error).message);
          assert.ok(short(error), String(error));
          assert.ok(stub.or !== undefined, `${(error as Error).message}`);
          assert.match((error as Error).message, stub.or);
        }
      });
    }

    it('says a JPEG renamed .mp4 is not a video, and a truncated clip cannot be read', async () => {
      const fake = join(dir, 'photo.mp4');
      copyFileSync(corpusFile('exiftool-samples/Canon.jpg'), fake);
      await assert.rejects(probeVideo(tools, fake), (error: unknown) => short(error) && (error as VideoToolError).failure === 'not-video' && /still image \(jpeg_pipe\)/.test((error as Error).message));
      const truncated = join(dir, 'truncated.mp4');
      writeFileSync(truncated, readFileSync(corpusFile('video/clip-h264.mp4')).subarray(0, 1000));
      await assert.rejects(probeVideo(tools, truncated), (error: unknown) => short(error) && (error as VideoToolError).failure === 'unreadable');
    });

    it('says a file with sound only has no video stream', async () => {
      const sound = join(dir, 'sound.mp4');
      execFileSync(FFMPEG_PATH, ['-nostdin', '-v', 'error', '-y', '-i', corpusFile('video/clip-h264.mp4'), '-vn', '-c:a', 'copy', sound]);
      await assert.rejects(probeVideo(tools, sound), { name: 'VideoToolError', failure: 'not-video', message: 'not a video: no video stream' });
    });

    it('reads a file whose name looks like an option, a protocol or a pattern', async () => {
      const odd = join(dir, "-i pipe:1 %d 'it''s'.mp4");
      copyFileSync(corpusFile('video/clip.mov'), odd);
      assert.equal((await probeVideo(tools, odd)).width, 1280);
    });

    it('refuses a FIFO at once and passes on ENOENT for a file that is gone', { skip: windows && 'no FIFOs' }, async () => {
      const fifo = join(dir, 'fifo.mp4');
      execFileSync('mkfifo', [fifo]);
      const started = Date.now();
      await assert.rejects(probeVideo(tools, fifo, { timeoutMs: 60_000 }), { name: 'NotRegularFileError', code: 'ENOTREG' });
      assert.ok(Date.now() - started < 1000);
      await assert.rejects(probeVideo(tools, join(dir, 'gone.mp4')), { code: 'ENOENT' });
    });

    it('rejects at once with an aborted signal, and kills a hanging tool at the timeout', { skip: windows && 'shell-script fake' }, async () => {
      await assert.rejects(probeVideo(tools, corpusFile('video/clip.mov'), { signal: AbortSignal.abort() }), { name: 'AbortError' });
      const hanging = join(dir, 'hanging-ffmpeg');
      writeFileSync(hanging, '#!/bin/sh\nexec sleep 30\n');
      chmodSync(hanging, 0o755);
      const stuck = { ffmpeg: hanging, ffprobe: withFfprobe ? hanging : null, version: 'fake' };
      const controller = new AbortController();
      const running = probeVideo(stuck, corpusFile('video/clip.mov'), { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await assert.rejects(running, { name: 'AbortError' });
      assert.ok(Date.now() - started < 1000);
      await assert.rejects(probeVideo(stuck, corpusFile('video/clip.mov'), { timeoutMs: 300 }), { name: 'VideoToolError', failure: 'timeout' });
    });
  });
}

describe('videoDate', () => {
  it('keeps the clock time, and the zone as ±HH:MM when the source gives one', () => {
    assert.equal(videoDate('2024-06-01T10:00:00.000000Z'), '2024-06-01T10:00:00+00:00');
    assert.equal(videoDate('2024-06-01T12:00:00+0200'), '2024-06-01T12:00:00+02:00');
    assert.equal(videoDate('2019-03-04T05:06:07-05:30'), '2019-03-04T05:06:07-05:30');
    assert.equal(videoDate('2009-10-27 12:14:34'), '2009-10-27T12:14:34');
  });

  it('drops the zeros cameras write for an unset clock, and what is not a date', () => {
    for (const zero of ['1904-01-01T00:00:00.000000Z', '1970-01-01T00:00:00.000000Z', '1970-01-01T00:00:07Z', '2001-01-01T00:00:00.000000Z', '0000-00-00 00:00:00', 'Tue Oct 27 12:14:34 2009', '', undefined]) {
      assert.equal(videoDate(zero), null, String(zero));
    }
  });
});

describe('the report parsers', () => {
  it('take the display matrix (counter-clockwise) as a clockwise rotation, and skip cover art', () => {
    const probe = fromProbeReport({
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5', tags: { creation_time: '2022-02-02T02:02:02.000000Z' } },
      streams: [
        { codec_type: 'audio' },
        { codec_type: 'video', width: 600, height: 600, disposition: { attached_pic: 1 } },
        { codec_type: 'video', width: 1920, height: 1080, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] },
      ],
    });
    assert.deepEqual(probe, { durationS: 12.5, createdAt: '2022-02-02T02:02:02+00:00', width: 1920, height: 1080, rotation: 90 });
  });

  it('read an ffmpeg 7 style report, not taking a codec tag for the frame size', () => {
    const report = [
      "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/photos/IMG_0001.MOV':",
      '  Metadata:',
      '    creation_time   : 2023-07-14T18:02:11.000000Z',
      '    com.apple.quicktime.creationdate: 2023-07-14T20:02:11+0200',
      '  Duration: 00:01:02.50, start: 0.000000, bitrate: 12000 kb/s',
      '  Stream #0:0[0x1](und): Video: mjpeg (jpeg / 0x6765706A), yuvj420p, 600x600 (attached pic)',
      '  Stream #0:1[0x2](und): Video: hevc (Main) (hvc1 / 0x31637668), yuv420p(tv, bt709), 3840x2160, 11000 kb/s, 30 fps (default)',
      '    Metadata:',
      '      creation_time   : 2023-07-14T18:02:11.000000Z',
      '    Side data:',
      '      displaymatrix: rotation of -180.00 degrees',
      '  Stream #0:2[0x3](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp',
      'At least one output file must be specified',
    ].join('\n');
    assert.deepEqual(fromFfmpegReport(report), { durationS: 62.5, createdAt: '2023-07-14T20:02:11+02:00', width: 3840, height: 2160, rotation: 180 });
    assert.equal(fromFfmpegReport(report.replace('00:01:02.50, start: 0.000000', 'N/A, start: 0.000000')).durationS, null);
  });
});
