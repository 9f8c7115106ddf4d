/**
 * A video's thumbnail (a poster frame), duration and capture date, read by an ffmpeg process (never
 * in-process: its builds are GPL). The file is checked to be a regular file first; ffmpeg then
 * opens the path itself, which is safe even if a FIFO is swapped in meanwhile: it is another process,
 * and the timeout kills it.
 */
import sharp from 'sharp';
import { openRegular } from '../file-workers/open-regular.ts';
import type { VideoTools } from '../video/find-video-tools.ts';
import { probeVideo } from '../video/probe-video.ts';
import { posterTimeS, videoPoster } from '../video/video-poster.ts';
import { isGone } from './decode-picture.ts';
import { writeThumbnail, type ThumbnailInfo } from './make-thumbnail.ts';
import { THUMBNAIL_MAX_LONG_SIDE } from './thumbnail-size.ts';

/** A probe or a frame that takes longer than this is a stuck ffmpeg (a 4K clip's frame takes ~0.3 s here). */
const VIDEO_TOOL_TIMEOUT_MS = 20_000;

export interface VideoDescription {
  readonly thumbnail: ThumbnailInfo | null;
  readonly durationS: number | null;
  readonly capturedAt: string | null;
  /** Why no poster could be made (the frame could not be read), null when it was. */
  readonly error: string | null;
}

export async function makeVideoThumbnail(source: string, dest: string, tools: VideoTools): Promise<VideoDescription> {
  const { handle } = await openRegular(source);
  await handle.close();
  const probe = await probeVideo(tools, source, { timeoutMs: VIDEO_TOOL_TIMEOUT_MS }).catch((error: unknown) => {
    if (isGone(error)) throw error;
    return null;
  });
  const durationS = probe?.durationS ?? null;
  const capturedAt = probe?.createdAt ?? null;
  try {
    const atS = posterTimeS(durationS);
    const frame = await videoPoster(tools, source, { atS, maxSide: THUMBNAIL_MAX_LONG_SIDE, timeoutMs: VIDEO_TOOL_TIMEOUT_MS });
    const image = sharp(frame, { failOn: 'error' });
    const meta = await image.metadata();
    const width = probe?.width ?? meta.width ?? 0;
    const height = probe?.height ?? meta.height ?? 0;
    const rotated = probe !== null && Math.abs(probe.rotation) % 180 === 90;
    const thumbnail = await writeThumbnail({ image, width: rotated ? height : width, height: rotated ? width : height }, dest);
    return { thumbnail, durationS, capturedAt, error: null };
  } catch (error) {
    if (isGone(error)) throw error;
    // VideoToolError's message already says what ffmpeg could not do ("ffmpeg could not read a frame: …").
    const reason = ((error as Error).message ?? String(error)).split('\n')[0] ?? 'cannot read a frame';
    return { thumbnail: null, durationS, capturedAt, error: reason };
  }
}
