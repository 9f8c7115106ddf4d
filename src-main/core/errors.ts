import type { ErrorCode } from '../../src-shared/contract.ts';

/**
 * An error the core means to show: its `code` is one of the contract's ErrorCodes, so the IPC door
 * and the CLI can pass it on as `{ code, message }` instead of an opaque "internal" failure.
 */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Something the request names does not exist. */
export const notFound = (message: string): CoreError => new CoreError('not_found', message);
/** The request is well-formed but cannot be honoured as asked (bad folder, wrong album kind…). */
export const badRequest = (message: string): CoreError => new CoreError('bad_request', message);
/** The request clashes with what exists (a name taken, a nested root, a job running). */
export const conflict = (message: string): CoreError => new CoreError('conflict', message);

/** Whether a value is a CoreError (also across module copies, by shape). */
export function isCoreError(error: unknown): error is CoreError {
  return error instanceof CoreError || (error instanceof Error && error.name === 'CoreError' && typeof (error as CoreError).code === 'string');
}
