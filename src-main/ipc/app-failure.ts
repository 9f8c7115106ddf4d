import type { AppError, ErrorCode } from '../../src-shared/contract.ts';

/** Every error code of the contract, to tell a coded error from any other thrown value. */
export const ERROR_CODES: readonly ErrorCode[] = ['bad_request', 'not_found', 'conflict', 'unavailable', 'cancelled', 'internal'];

/** An error thrown by an adapter handler that carries a contract error code across the boundary. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
  }
}

/**
 * Turns anything a handler threw into the contract's AppError. Errors with a contract `code` (the
 * core's CoreError, our AppFailure) keep it; anything else is 'internal' with its message only: no
 * stack crosses the boundary.
 */
export function toAppError(thrown: unknown): AppError {
  if (typeof thrown === 'object' && thrown !== null) {
    const { code, message } = thrown as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message !== '' ? message : 'Unexpected error';
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
      return { code: code as ErrorCode, message: text };
    }
    return { code: 'internal', message: text };
  }
  return { code: 'internal', message: typeof thrown === 'string' && thrown !== '' ? thrown : 'Unexpected error' };
}
