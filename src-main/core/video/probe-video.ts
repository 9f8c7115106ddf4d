/**
 * A video's duration, capture date, frame size and rotation, read by ffprobe (JSON) or, when there
 * is no ffprobe beside ffmpeg, from the report `ffmpeg -i` prints. Both read the same fields of the
 * same demuxers, so they agree (tested on the same files).
 */
import type { VideoTools } from './find-video-tools.ts';
import { failureReason, runVideoTool, videoInput, VideoToolError } from './run-video-tool.ts';

export interface VideoProbe {
  /** Seconds; null when the container does not say (or says 0). */
  readonly durationS: number | null;
  /** When it was recorded, in the photos' capture-date format (see videoDate). */
  readonly createdAt: string | null;
  /** The video stream's frame size as stored (before rotation; non-square pixels not stretched). */
  readonly width: number | null;
  readonly height: number | null;
  /** Degrees clockwise (0, 90, 180, 270) a player turns the frame: swap width and height for 90 and 270. */
  readonly rotation: number;
}

export interface ProbeOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

const PROBE_TIMEOUT_MS = 15_000;
/** ffprobe's JSON for a file with hundreds of streams or tags is still well under this. */
const MAX_JSON = 4 * 1024 * 1024;

/**
 * Reads a video's container. Throws VideoToolError ('unreadable': ffmpeg cannot open it; 'not-video':
 * it opens but holds a still image or no video stream), a NotRegularFileError for a FIFO or folder,
 * the fs error of a file that is gone, or `signal.reason`.
 */
export async function probeVideo(tools: VideoTools, path: string, options: ProbeOptions = {}): Promise<VideoProbe> {
  const input = await videoInput(path);
  const run = { signal: options.signal, timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS, maxStdout: MAX_JSON };
  if (tools.ffprobe !== null) {
    // No -nostdin: ffprobe has no such option (stdin is closed by the runner anyway).
    const args = ['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', input];
    const { code, stdout, stderr } = await runVideoTool(tools.ffprobe, args, run);
    if (code !== 0) throw new VideoToolError('unreadable', `ffprobe could not read the file: ${failureReason(stderr, input)}`);
    let report: unknown;
    try {
      report = JSON.parse(stdout.toString('utf8'));
    } catch {
      throw new VideoToolError('unreadable', 'ffprobe wrote no report');
    }
    return fromProbeReport(report);
  }
  // `ffmpeg -i` alone prints the report then exits 1 ("At least one output file must be specified").
  const { stderr } = await runVideoTool(tools.ffmpeg, ['-nostdin', '-hide_banner', '-i', input], { ...run, maxStdout: 64 * 1024 });
  if (!/^Input #0, /m.test(stderr)) throw new VideoToolError('unreadable', `ffmpeg could not read the file: ${failureReason(stderr, input)}`);
  return fromFfmpegReport(stderr);
}

/**
 * A container date ("2024-06-01T10:00:00.000000Z" from MP4/MOV/MKV, "2009-10-27 12:14:34" from AVI,
 * "2024-06-01T12:00:00+0200" from Apple's tag) in the format photos' capture dates are stored in
 * (metadata/capture-date.ts exifDateToIso): "YYYY-MM-DDTHH:MM:SS", plus "±HH:MM" when the source
 * gives its zone — a UTC time keeps its zone as "+00:00", converted to nothing. Null for none, for
 * what cameras write when the clock was never set (QuickTime's 1904 and Unix's 1970 epochs; a year
 * before 1971 is taken as such) and for Matroska's zero (2001-01-01T00:00:00).
 */
export function videoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (match === null) return null;
  const [, y = '', mo, d, h, mi, s, zone] = match;
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (Number(y) < 1971 || mo === '00' || d === '00' || local === '2001-01-01T00:00:00') return null;
  if (zone === undefined) return local;
  if (zone.toUpperCase() === 'Z') return `${local}+00:00`;
  return `${local}${zone.slice(0, 3)}:${zone.slice(-2)}`;
}

/** The date to keep: Apple's creationdate has the local time and zone of the recording, creation_time is UTC. */
function pickDate(container: Record<string, string>, stream: Record<string, string>): string | null {
  return videoDate(container['com.apple.quicktime.creationdate']) ?? videoDate(container.creation_time) ?? videoDate(stream.creation_time);
}

/** Tags with lower-case keys (Matroska writers use CREATION_TIME, DATE…). */
function tagsOf(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return tags;
  for (const [key, tag] of Object.entries(value)) if (typeof tag === 'string') tags[key.toLowerCase()] = tag;
  return tags;
}

function positive(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : null;
}

/** A display matrix's rotation (counter-clockwise, ±) or a `rotate` tag (clockwise) as 0/90/180/270 clockwise. */
function clockwise(degrees: number): number {
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

interface ProbeStream {
  codec_type?: unknown;
  width?: unknown;
  height?: unknown;
  duration?: unknown;
  tags?: unknown;
  disposition?: { attached_pic?: unknown };
  side_data_list?: { rotation?: unknown }[];
}

/** Demuxers of still images: a JPEG renamed .mp4 opens fine, but it is not a video. */
const IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/;

/** A VideoProbe from ffprobe's `-show_format -show_streams` JSON. */
export function fromProbeReport(report: unknown): VideoProbe {
  const { format, streams } = (report ?? {}) as { format?: { format_name?: unknown; duration?: unknown; tags?: unknown }; streams?: ProbeStream[] };
  const formatName = typeof format?.format_name === 'string' ? format.format_name : '';
  if (IMAGE_FORMAT.test(formatName)) throw new VideoToolError('not-video', `not a video: a still image (${formatName})`);
  // Cover art (an attached picture) is a "video" stream too, but not the video.
  const video = (streams ?? []).find((stream) => stream.codec_type === 'video' && stream.disposition?.attached_pic !== 1);
  if (video === undefined) throw new VideoToolError('not-video', 'not a video: no video stream');
  const streamTags = tagsOf(video.tags);
  const matrix = video.side_data_list?.find((data) => typeof data.rotation === 'number')?.rotation as number | undefined;
  const rotation = matrix !== undefined ? clockwise(-matrix) : clockwise(Number(streamTags.rotate ?? 0) || 0);
  return {
    durationS: positive(format?.duration) ?? positive(video.duration),
    createdAt: pickDate(tagsOf(format?.tags), streamTags),
    width: positive(video.width),
    height: positive(video.height),
    rotation,
  };
}

/** "    key    : value" lines of a report block, keys lower-cased. */
function metadataOf(lines: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of lines) {
    const match = /^\s+([^\s:][^:]*?)\s*: (.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) tags[match[1].toLowerCase()] ??= match[2].trim();
  }
  return tags;
}

/** A VideoProbe from the report `ffmpeg -i` prints on stderr (of input #0). */
export function fromFfmpegReport(stderr: string): VideoProbe {
  const lines = stderr.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith('Input #0, '));
  const formatName = /^Input #0, (.+?), from /.exec(lines[start] ?? '')?.[1] ?? '';
  if (IMAGE_FORMAT.test(formatName)) throw new VideoToolError('not-video', `not a video: a still image (${formatName})`);
  // The report ends where the next input or the output part begins.
  let end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  if (end === -1) end = lines.length;
  const report = lines.slice(start + 1, end);
  const durationAt = report.findIndex((line) => /^ {2}Duration: /.test(line));
  const container = metadataOf(report.slice(0, durationAt === -1 ? report.length : durationAt));
  const time = /^ {2}Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(report[durationAt] ?? '');
  const durationS = time === null ? null : positive(Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3]));

  const streamAt = report.findIndex((line) => /^\s+Stream #0:\d+.*?: Video: /.test(line) && !line.includes('(attached pic)'));
  if (streamAt === -1) throw new VideoToolError('not-video', 'not a video: no video stream');
  let streamEnd = report.findIndex((line, i) => i > streamAt && /^\s+Stream #/.test(line));
  if (streamEnd === -1) streamEnd = report.length;
  const block = report.slice(streamAt + 1, streamEnd);
  // The size follows ", " and is followed by " [SAR", "," or the end: "(avc1 / 0x31637661)" must not match.
  const size = /, (\d+)x(\d+)(?=[\s,[]|$)/.exec(report[streamAt] ?? '');
  const matrix = block.map((line) => /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(line)?.[1]).find((value) => value !== undefined);
  const streamTags = metadataOf(block);
  const rotation = matrix !== undefined ? clockwise(-Number(matrix)) : clockwise(Number(streamTags.rotate ?? 0) || 0);
  return {
    durationS,
    createdAt: pickDate(container, streamTags),
    width: size === null ? null : positive(size[1]),
    height: size === null ? null : positive(size[2]),
    rotation,
  };
}
