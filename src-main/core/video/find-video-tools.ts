/**
 * Finds the ffmpeg (and ffprobe) Keepsake runs for videos. Keepsake does not ship one (GPL builds):
 * it uses the path set in Settings, else KEEPSAKE_FFMPEG (tests, CI), else ffmpeg on PATH.
 */
import { access, constants, stat } from 'node:fs/promises';
import { basename, delimiter, dirname, extname, isAbsolute, join } from 'node:path';
import { runVideoTool, VideoToolError } from './run-video-tool.ts';

/** A verified ffmpeg; ffprobe is null when none sits beside it (probing then parses `ffmpeg -i`). */
export interface VideoTools {
  readonly ffmpeg: string;
  readonly ffprobe: string | null;
  /** As ffmpeg reports it: "6.1.1-3ubuntu5", "N-47683-g0e8eb07980-static". */
  readonly version: string;
}

/** Why the ffmpeg that was asked for (a setting, KEEPSAKE_FFMPEG) cannot be used, in words for Settings. */
export interface VideoToolsProblem {
  readonly problem: string;
}

/**
 * What findVideoTools found: tools, a problem with the ffmpeg that was explicitly asked for (which
 * is not silently swapped for another one), or null when there is none anywhere (not an error:
 * videos then get no poster).
 */
export type VideoToolsResult = VideoTools | VideoToolsProblem | null;

export interface FindVideoToolsOptions {
  /** The Settings path: to ffmpeg itself, or to the folder holding it. */
  readonly ffmpegPath?: string | null | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** How long `ffmpeg -version` may take (a cold 70 MB static binary, an antivirus scan). */
  readonly timeoutMs?: number | undefined;
}

const VERSION_TIMEOUT_MS = 5000;
const windows = process.platform === 'win32';

export function isVideoToolsProblem(result: VideoToolsResult): result is VideoToolsProblem {
  return result !== null && 'problem' in result;
}

// One answer per process (each check runs two processes, ~10 ms), keyed by what it depends on so
// that a changed setting or PATH is looked at afresh; resetVideoTools() is for "check again" after
// the user installed ffmpeg in place.
let cached: { key: string; result: Promise<VideoToolsResult> } | null = null;

/** Forgets the cached answer: the next findVideoTools checks again. */
export function resetVideoTools(): void {
  cached = null;
}

/** The ffmpeg to use, verified by running it; see VideoToolsResult. Cached per process. */
export function findVideoTools(options: FindVideoToolsOptions = {}): Promise<VideoToolsResult> {
  const env = options.env ?? process.env;
  const configured = options.ffmpegPath?.trim() || null;
  const fromEnv = env.KEEPSAKE_FFMPEG?.trim() || null;
  const key = JSON.stringify([configured, fromEnv, env.PATH ?? env.Path ?? null]);
  if (cached?.key !== key) cached = { key, result: lookUp(configured, fromEnv, env, options.timeoutMs ?? VERSION_TIMEOUT_MS) };
  return cached.result;
}

async function lookUp(configured: string | null, fromEnv: string | null, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<VideoToolsResult> {
  if (configured !== null) return await explicit(configured, 'The ffmpeg set in Settings', timeoutMs);
  if (fromEnv !== null) return await explicit(fromEnv, 'KEEPSAKE_FFMPEG', timeoutMs);
  const ffmpeg = await onPath('ffmpeg', env);
  if (ffmpeg === null) return null;
  const found = await verify(ffmpeg, await onPath('ffprobe', env), timeoutMs);
  // One on PATH that is not a working ffmpeg (a stub, a broken install) is reported too: it is on
  // PATH, so the user expects it to be used.
  return 'problem' in found ? { problem: `ffmpeg on PATH (${ffmpeg}) ${found.problem}` } : found;
}

/** A path someone asked for: it is used or its problem is reported, never replaced by another. */
async function explicit(path: string, what: string, timeoutMs: number): Promise<VideoTools | VideoToolsProblem> {
  if (!isAbsolute(path)) return { problem: `${what} must be a full path (${path})` };
  let ffmpeg = path;
  try {
    // A folder (the user picked ffmpeg's "bin") means the ffmpeg inside it.
    if ((await stat(path)).isDirectory()) ffmpeg = join(path, windows ? 'ffmpeg.exe' : 'ffmpeg');
    if (!(await stat(ffmpeg)).isFile()) return { problem: `${what} (${ffmpeg}) is not a file` };
  } catch {
    return { problem: `${what} was not found (${ffmpeg})` };
  }
  const found = await verify(ffmpeg, await beside(ffmpeg), timeoutMs);
  return 'problem' in found ? { problem: `${what} (${ffmpeg}) ${found.problem}` } : found;
}

/** Runs `<ffmpeg> -version` (and ffprobe's) to be sure each is what it claims; problems end a sentence. */
async function verify(ffmpeg: string, ffprobe: string | null, timeoutMs: number): Promise<VideoTools | { problem: string }> {
  const [ffmpegVersion, ffprobeVersion] = await Promise.all([
    versionOf(ffmpeg, ['-nostdin', '-hide_banner', '-version'], 'ffmpeg', timeoutMs),
    // ffprobe has no -nostdin option (its stdin is closed anyway).
    ffprobe === null ? null : versionOf(ffprobe, ['-hide_banner', '-version'], 'ffprobe', timeoutMs).catch(() => null),
  ]);
  if (typeof ffmpegVersion !== 'string') return ffmpegVersion;
  // An ffprobe that fails its check is left out (probing falls back to ffmpeg), not a problem.
  return { ffmpeg, ffprobe: typeof ffprobeVersion === 'string' ? ffprobe : null, version: ffmpegVersion };
}

/** The version a tool prints, or why it could not be read. */
async function versionOf(file: string, args: string[], name: string, timeoutMs: number): Promise<string | { problem: string }> {
  try {
    const { code, stdout } = await runVideoTool(file, args, { timeoutMs, maxStdout: 64 * 1024 });
    const match = new RegExp(`^${name} version (\\S+)`, 'm').exec(stdout.toString('utf8'));
    if (match?.[1] !== undefined) return match[1];
    return { problem: code === 0 ? `is not ${name}` : `is not ${name} (exit code ${code})` };
  } catch (error) {
    const failure = error instanceof VideoToolError ? error.failure : null;
    if (failure === 'missing') return { problem: 'was not found' };
    if (failure === 'not-executable') return { problem: 'is not executable' };
    if (failure === 'timeout') return { problem: `did not answer "-version" within ${timeoutMs / 1000} s` };
    return { problem: `could not be run (${(error as Error).message})` };
  }
}

/** ffprobe in ffmpeg's folder, named as ffmpeg is ("ffmpeg-6" → "ffprobe-6", "ffmpeg.exe" → "ffprobe.exe"). */
async function beside(ffmpeg: string): Promise<string | null> {
  const name = basename(ffmpeg);
  const probeName = /ffmpeg/i.test(name) ? name.replace(/ffmpeg/i, 'ffprobe') : `ffprobe${extname(name)}`;
  const candidate = join(dirname(ffmpeg), probeName);
  return (await isExecutableFile(candidate)) ? candidate : null;
}

/** `name` on the PATH of `env`, as the shell would find it (with PATHEXT on Windows). */
async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((ext) => ext !== '') : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = join(dir, name + ext);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
