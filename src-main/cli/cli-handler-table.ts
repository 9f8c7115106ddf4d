import type { CommandHandlers } from '../../src-shared/contract.ts';
import type { CoreHandlers, ShellCommand } from '../core/core-commands.ts';
import { CoreError } from '../core/errors.ts';
import { buildHandlerTable } from '../ipc/handler-table.ts';

const noShell = (): never => {
  throw new CoreError('unavailable', 'the keepsake command has no desktop shell for this');
};

/** The core's handlers plus the two desktop-shell commands (unavailable here), for the one door. */
export function cliHandlerTable(core: CoreHandlers): CommandHandlers {
  const shell: Record<ShellCommand, () => never> = { 'dialog.pickFolder': noShell, 'dialog.pickFile': noShell, 'photos.showInFolder': noShell, 'photos.openInDefaultApp': noShell, 'app.showLogFile': noShell };
  return buildHandlerTable(core, shell);
}
