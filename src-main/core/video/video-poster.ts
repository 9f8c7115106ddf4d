/**
 * One frame of a video as a PNG, decoded by an ffmpeg process and read from its stdout: the poster
 * a thumbnail is made from. PNG, not JPEG: the caller re-encodes it (webp), so it should get the
 * frame without a first lossy pass; at thumbnail size it costs ~1 ms more.
 */
import type { VideoTools } from './find-video-tools.ts';
import { failureReason, runVideoTool, videoInput, VideoToolError } from './run-video-tool.ts';

export interface PosterOptions {
  /** Where to take the frame, in seconds (see posterTimeS); 0 or absent: the first frame. */
  readonly atS?: number | undefined;
  /** The poster's long side at most, in pixels; a smaller video is not enlarged. */
  readonly maxSide: number;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

const POSTER_TIMEOUT_MS = 30_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Seek at most this far: past a fade-in or a black first frame, without decoding far into a long clip. */
const MAX_POSTER_TIME_S = 3;
/** Below this a clip is shown by its first frame (10% in would be a fraction of a second anyway). */
const SHORT_CLIP_S = 1;

/** Where a poster is taken: 10% into the clip, at most 3 s in; the first frame for a short or unknown one. */
export function posterTimeS(durationS: number | null): number {
  if (durationS === null || !(durationS >= SHORT_CLIP_S)) return 0;
  return Math.min(durationS * 0.1, MAX_POSTER_TIME_S);
}

/**
 * The frame's size as shown, at most `maxSide` on its long side and never more pixels than stored
 * on either side: non-square pixels (DV, HDV, DVD: SAR ≠ 1) are squeezed to square ones, never
 * stretched. Rotation needs nothing here: ffmpeg turns the frame before the filters run (autorotate).
 * Quoted: the commas are inside expressions, not between filters.
 */
function scaleFilter(maxSide: number): string {
  const w = 'iw*min(1,sar)';
  const h = 'ih/max(1,sar)';
  const k = `min(1,${maxSide}/max(${w},${h}))`;
  return `scale=w='max(1,round(${w}*${k}))':h='max(1,round(${h}*${k}))',setsar=1`;
}

function posterArgs(input: string, atS: number, maxSide: number): string[] {
  return [
    '-nostdin', '-hide_banner', '-v', 'error',
    // One decoding thread: workers already run one per core, and frame threads only add latency to one frame.
    '-threads', '1',
    // -ss before -i: seek in the demuxer to the keyframe before atS, then decode only from there.
    ...(atS > 0 ? ['-ss', atS.toFixed(3)] : []),
    '-i', input,
    // The first real video stream (capital V: not cover art); nothing else is read.
    '-map', '0:V:0', '-an', '-sn', '-dn',
    '-frames:v', '1', '-vf', scaleFilter(maxSide),
    '-f', 'image2pipe', '-c:v', 'png', 'pipe:1',
  ];
}

/**
 * A frame at `atS` (or the first, when the clip ends before it) as PNG. Throws VideoToolError
 * ('unreadable', e.g. "ffmpeg could not read a frame: Invalid data found when processing input"),
 * NotRegularFileError for a FIFO or folder, the fs error of a file that is gone, or `signal.reason`.
 */
export async function videoPoster(tools: VideoTools, path: string, options: PosterOptions): Promise<Buffer> {
  const { maxSide } = options;
  if (!Number.isInteger(maxSide) || maxSide < 1 || maxSide > 8192) throw new RangeError(`maxSide must be an integer from 1 to 8192 (got ${maxSide})`);
  const input = await videoInput(path);
  const atS = Number.isFinite(options.atS) && (options.atS ?? 0) > 0 ? (options.atS as number) : 0;
  // Worst case a 16-bit RGBA PNG that did not compress at all.
  const run = { signal: options.signal, timeoutMs: options.timeoutMs ?? POSTER_TIMEOUT_MS, maxStdout: maxSide * maxSide * 8 + 1024 * 1024 };
  let result = await runVideoTool(tools.ffmpeg, posterArgs(input, atS, maxSide), run);
  // Nothing decoded after the seek: the clip is shorter than its container said (or than atS).
  if (result.code === 0 && result.stdout.length === 0 && atS > 0) result = await runVideoTool(tools.ffmpeg, posterArgs(input, 0, maxSide), run);
  const { code, stdout, stderr } = result;
  if (code !== 0 || stdout.length === 0) {
    const reason = /matches no streams/.test(stderr) ? 'no video stream' : failureReason(stderr, input);
    throw new VideoToolError('unreadable', `ffmpeg could not read a frame: ${reason}`);
  }
  if (!stdout.subarray(0, 8).equals(PNG_SIGNATURE)) throw new VideoToolError('unreadable', 'ffmpeg wrote something other than a PNG');
  return stdout;
}
