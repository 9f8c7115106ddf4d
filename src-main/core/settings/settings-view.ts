import type { AppSettingsView } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { isVideoToolsProblem } from '../video/find-video-tools.ts';
import { videoToolsStatus } from '../video/video-tools-setting.ts';
import { readSettings } from './app-settings.ts';

/** What Settings shows: the settings, and whether the ffmpeg they lead to works. */
export async function settingsView(db: Db): Promise<AppSettingsView> {
  const { ffmpegPath, watchFolders, pollIntervalS, autoScan } = readSettings(db);
  const base = { ffmpegPath, watchFolders, pollIntervalS, autoScan };
  const tools = await videoToolsStatus(db);
  if (tools === null) return { ...base, videoTools: null, videoToolsProblem: null };
  if (isVideoToolsProblem(tools)) return { ...base, videoTools: null, videoToolsProblem: tools.problem };
  return { ...base, videoTools: { ffmpeg: tools.ffmpeg, version: tools.version }, videoToolsProblem: null };
}
