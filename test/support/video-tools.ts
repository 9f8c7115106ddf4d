/**
 * The ffmpeg and ffprobe the video tests run: the devDependencies' static builds (the product itself
 * uses a system ffmpeg, never these), or the ffmpeg KEEPSAKE_FFMPEG names (CI). Tests skip, saying
 * why, where one is absent or cannot be run by this user (the ffprobe tarball is rwxr--r--).
 */
import { accessSync, constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VideoTools } from '../../src-main/core/video/find-video-tools.ts';

const modules = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules');
const target = `${process.platform}-${process.arch}`;
const exe = process.platform === 'win32' ? '.exe' : '';

export const FFMPEG_PATH = process.env.KEEPSAKE_FFMPEG || join(modules, '@ffmpeg-installer', target, `ffmpeg${exe}`);
export const FFPROBE_PATH = join(modules, '@ffprobe-installer', target, `ffprobe${exe}`);

/** Why a binary cannot be used here, or false when it can: for `{ skip }` of node:test. */
function unusable(path: string): string | false {
  try {
    accessSync(path, constants.X_OK);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = path === process.env.KEEPSAKE_FFMPEG ? 'KEEPSAKE_FFMPEG names it' : 'npm install the devDependencies';
    return code === 'ENOENT' ? `${path} is absent (${hint})` : `${path} cannot be run by this user (${code})`;
  }
}

export const ffmpegSkip: string | false = unusable(FFMPEG_PATH);
export const ffprobeSkip: string | false = ffmpegSkip || unusable(FFPROBE_PATH);

/** Tools as findVideoTools would return them: with ffprobe, or ffmpeg alone (probing parses `ffmpeg -i`). */
export function testVideoTools(withFfprobe: boolean): VideoTools {
  return { ffmpeg: FFMPEG_PATH, ffprobe: withFfprobe ? FFPROBE_PATH : null, version: 'test' };
}
