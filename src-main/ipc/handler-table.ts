import { COMMAND_NAMES, type CommandHandlers, type CommandName } from '../../src-shared/contract.ts';
import type { ShellCommand } from '../core/core-commands.ts';

/** Handlers for the commands that need the desktop shell (folder dialog, file manager). */
export type ShellHandlers = Pick<CommandHandlers, ShellCommand>;

/**
 * Merges handler tables into the one table the door dispatches from. Throws at startup when two
 * tables answer the same command, when a command of the contract has no handler, or when a table
 * answers a name the contract does not declare — so a mistake shows on launch, not on first click.
 */
export function buildHandlerTable(...tables: readonly Readonly<Partial<Record<string, unknown>>>[]): CommandHandlers {
  const merged: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      if (Object.hasOwn(merged, name)) throw new Error(`Duplicate handler for command "${name}"`);
      if (!(COMMAND_NAMES as readonly string[]).includes(name)) throw new Error(`Handler for unknown command "${name}"`);
      if (typeof handler !== 'function') throw new Error(`Handler for "${name}" is not a function`);
      merged[name] = handler;
    }
  }
  const missing = COMMAND_NAMES.filter((name: CommandName) => !Object.hasOwn(merged, name));
  if (missing.length > 0) throw new Error(`No handler for command(s): ${missing.join(', ')}`);
  return merged as CommandHandlers;
}
