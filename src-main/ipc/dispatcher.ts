import type { z } from 'zod';
import { COMMAND_NAMES, type CommandHandlers, type CommandName, type Result } from '../../src-shared/contract.ts';
import { requestSchemas } from '../../src-shared/request-schemas.ts';
import { toAppError } from './app-failure.ts';

/** Validates and answers one command; never throws, whatever the caller sends. */
export type Dispatcher = (command: unknown, request: unknown) => Promise<Result<unknown>>;

const isCommandName = (value: unknown): value is CommandName =>
  typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);

/** At most this many characters of any one part of an error message (a key, a path, zod's text). */
const PART_MAX = 120;
/** At most this many characters of a whole error message: a request is never echoed back whole. */
const MESSAGE_MAX = 1000;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`);

/** A short, readable list of what is wrong with a request, e.g. `libraryId: expected number`. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map((key) => clip(String(key), PART_MAX)).join('.') : '(request)';
    return `${clip(where, PART_MAX * 2)}: ${clip(issue.message, PART_MAX * 2)}`;
  });
  if (error.issues.length > max) parts.push(`and ${error.issues.length - max} more`);
  return clip(parts.join('; '), MESSAGE_MAX);
}

/**
 * The door every command goes through (Electron IPC and the e2e harness alike): checks the command
 * name, validates the request with the contract's schema, calls the handler and wraps the answer
 * as a Result. A malformed request gets a 'bad_request' error, never a crash.
 */
export function createDispatcher(handlers: CommandHandlers): Dispatcher {
  return async (command, request) => {
    if (!isCommandName(command)) {
      return { ok: false, error: { code: 'bad_request', message: `Unknown command: ${String(command).slice(0, 100)}` } };
    }
    const schema: z.ZodType = requestSchemas[command];
    const parsed = schema.safeParse(request);
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad_request', message: `Invalid request for ${command}: ${describeIssues(parsed.error)}` } };
    }
    try {
      // The schema just checked the request, so it is this command's ValidRequest.
      const handler = handlers[command] as (valid: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (thrown) {
      const error = toAppError(thrown);
      return { ok: false, error: { ...error, message: clip(error.message, MESSAGE_MAX) } };
    }
  };
}
