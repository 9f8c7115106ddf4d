import { parseArgs } from 'node:util';
import { CliError } from './errors.ts';

/** Every option the command knows; each command accepts a subset (checked in `checkOptions`). */
const OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  library: { type: 'string' },
  all: { type: 'boolean' },
  yes: { type: 'boolean' },
  'include-offline': { type: 'boolean' },
  offline: { type: 'boolean' },
  missing: { type: 'boolean' },
  wait: { type: 'boolean' },
  'no-sidecars': { type: 'boolean' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** The parsed command line. */
export interface CliArgs {
  readonly data: string | undefined;
  readonly json: boolean;
  readonly help: boolean;
  readonly library: string | undefined;
  readonly all: boolean;
  readonly yes: boolean;
  readonly includeOffline: boolean;
  readonly offline: boolean;
  readonly missing: boolean;
  /** Wait for the writer lock instead of refusing when another process holds the library. */
  readonly wait: boolean;
  /** `library add`: the new library does not keep .xmp sidecars. */
  readonly noSidecars: boolean;
  /** Command words and their arguments, e.g. ['library', 'add', 'Trips', '/photos']. */
  readonly positionals: readonly string[];
  /** Options that were given, to check them against the command. */
  readonly given: ReadonlySet<OptionName>;
}

/** The usage text for `--help` and a bare `keepsake`. */
export const USAGE = `Usage: keepsake [--data DIR] [--json] COMMAND [ARGS]

Commands:
  library add NAME FOLDER... [--no-sidecars]
                                  create a library that scans these folders; it keeps ratings,
                                  captions and albums in .xmp files beside the photos unless
                                  --no-sidecars is given
  library list                    list the libraries and their folders
  scan [--library NAME]           scan for new, moved and changed photos (then for missing ones)
  scan-missing [--library NAME]   check every known file and flag the ones that are gone
  missing [--library NAME] [--offline]
                                  list missing photos with their last known paths
                                  (--offline: photos on drives that are not connected)
  photos [--library NAME] [--missing | --offline]
                                  every photo with its main file, availability and thumbnail
                                  (--json: image_hash, path, type, availability, has_thumbnail,
                                  thumbnail_width, thumbnail_height, captured_at, duration_s, problem)
  thumbnails [--library NAME]     remake the thumbnails an older Keepsake wrote (HEIC, RAW previews,
                                  video posters, HiDPI sizes); the app does this by itself
  watch [--library NAME]          watch the library's folders until Ctrl-C, applying each change as
                                  it happens (as the app does); --json: one line per change,
                                  {change, path, from?, image_hash}, change = added | moved |
                                  missing | restored | changed
  problems [--library NAME]       the files the scans saw and could not import (or decode),
                                  each with its reason ("permission denied", "cannot decode: …")
  delete-missing [--library NAME] --yes [--include-offline]
                                  remove the missing photos (refuses without --yes; photos on
                                  disconnected drives only with --include-offline); undoable
  deleted [--library NAME]        the deletions of the last 30 days that can be undone
  undo-delete [JOB_ID]            bring back what a deletion removed (default: the latest), with
                                  ratings, captions, albums, faces and thumbnails
  stats [--library NAME | --all]  photo, missing and offline counts, sizes by file type
  roots [--library NAME]          each folder of the library with its state and drive name
  locate ROOT_OR_FOLDER NEW_FOLDER [--library NAME]
                                  point a moved root or folder at its new place and relink its files
  sidecars write [--library NAME] write every photo's rating, caption, albums and faces into the
                                  .xmp sidecar beside it (IMG_0001.CR2.xmp; other apps' tags kept)
  sidecars read [--library NAME]  read the photos' sidecars into the library (another app's newer
                                  edits win); both count written, read, skipped and problems
  backups                         the database's backups, newest first (one is made before each
                                  delete-missing, Delete forever and schema upgrade; 10 are kept)
  restore BACKUP --yes            put a backup back as the database; the current one is backed up
                                  first (refuses without --yes)

Options:
  --data DIR   folder of the database and thumbnails (default: the desktop app's data folder)
  --json       print exactly one JSON document on stdout (progress and messages go to stderr)
  --library    which library; may be left out when there is only one
  --wait       when another process (the app, or another keepsake command) is using the library,
               wait for it instead of refusing
  -h, --help   show this help

One process changes a library at a time. stats, missing, photos, problems, library list, roots,
backups and deleted work while the app or another command uses it (read-only: roots then probes without
storing); the other commands refuse at once (exit code 75) unless --wait is given.
Ctrl-C cancels the running job cleanly (exit code 130).
Video posters, lengths and dates need ffmpeg (Keepsake runs it, never bundles it): the one set in
the app's Settings, else KEEPSAKE_FFMPEG=/path/to/ffmpeg, else ffmpeg on the PATH.`;

/** Parses argv (without node and script). Throws a one-line CliError for unknown options. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new CliError(describeParseError(error), 'usage');
  }
  const { values, positionals, tokens } = parsed;
  const given = new Set<OptionName>();
  for (const token of tokens) if (token.kind === 'option') given.add(token.name as OptionName);
  return {
    data: values.data,
    json: values.json ?? false,
    help: values.help ?? false,
    library: values.library,
    all: values.all ?? false,
    yes: values.yes ?? false,
    includeOffline: values['include-offline'] ?? false,
    offline: values.offline ?? false,
    missing: values.missing ?? false,
    wait: values.wait ?? false,
    noSidecars: values['no-sidecars'] ?? false,
    positionals,
    given,
  };
}

/** Rejects options the command does not take (global ones are always allowed). */
export function checkOptions(args: CliArgs, command: string, allowed: readonly OptionName[]): void {
  const ok = new Set<OptionName>(['data', 'json', 'help', 'wait', ...allowed]);
  for (const name of args.given) {
    if (!ok.has(name)) throw new CliError(`${command} does not take --${name} (see keepsake --help)`, 'usage');
  }
}

/** Checks the number of arguments after the command words. */
export function checkArity(rest: readonly string[], command: string, min: number, max: number, shape: string): void {
  if (rest.length < min || rest.length > max) {
    throw new CliError(`${command} takes ${shape}${rest.length > max ? `; unexpected "${rest[max]}"` : ''} (see keepsake --help)`, 'usage');
  }
}

// node's parseArgs messages are long and multi-line; keep the point, on one line.
function describeParseError(error: unknown): string {
  const err = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(err.message ?? '')?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? ''} (see keepsake --help)`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${(err.message ?? 'invalid option value').split('\n')[0]}`;
    default:
      return (err.message ?? String(error)).split('\n')[0] ?? 'bad command line';
  }
}
