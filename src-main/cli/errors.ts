/** Exit codes of the `keepsake` command. */
export const EXIT = {
  ok: 0,
  /** The command ran but could not do what was asked (unknown library, a job failed, …). */
  failed: 1,
  /** The command line itself was wrong (unknown command or option, missing argument). */
  usage: 2,
  /** Another process holds the library (EX_TEMPFAIL: try again later, or with --wait). */
  inUse: 75,
  /** Interrupted with Ctrl-C (128 + SIGINT), the running job cancelled. */
  interrupted: 130,
} as const;

/** Machine-readable kind of a CLI error, shown in `--json` error documents. */
export type CliErrorCode = 'usage' | 'bad_input' | 'not_found' | 'refused' | 'in_use' | 'unavailable' | 'failed' | 'cancelled' | 'internal';

/** An error the CLI reports as one line `keepsake: …` on stderr, then exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly exitCode: number;
  constructor(message: string, code: CliErrorCode = 'bad_input', exitCode: number = code === 'usage' ? EXIT.usage : EXIT.failed) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** One line of text from any error (core errors may carry several lines or a stack). */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}
