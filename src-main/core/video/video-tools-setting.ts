import type { Db } from '../db/open-database.ts';
import { readSettings } from '../settings/app-settings.ts';
import { findVideoTools, isVideoToolsProblem, type VideoTools, type VideoToolsProblem } from './find-video-tools.ts';

/**
 * The ffmpeg this library's jobs use for video posters: the one set in Settings, else
 * KEEPSAKE_FFMPEG, else the PATH's; null when there is none (videos then wait for one).
 */
export async function videoToolsOf(db: Db): Promise<VideoTools | null> {
  const found = await findVideoTools({ ffmpegPath: readSettings(db).ffmpegPath });
  return found === null || isVideoToolsProblem(found) ? null : found;
}

/** What Settings shows: the ffmpeg in use, or why the one set there cannot be used. */
export async function videoToolsStatus(db: Db): Promise<VideoTools | VideoToolsProblem | null> {
  return findVideoTools({ ffmpegPath: readSettings(db).ffmpegPath });
}
