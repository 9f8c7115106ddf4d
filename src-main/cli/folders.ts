import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './errors.ts';

/** An absolute path to a folder that exists; a clear error for anything else. */
export function existingFolder(path: string): string {
  const absolute = resolve(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`folder does not exist: ${absolute}`, 'bad_input');
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`folder cannot be read (permission denied): ${absolute}`, 'bad_input');
    throw new CliError(`cannot use folder ${absolute}: ${(error as Error).message}`, 'bad_input');
  }
  if (!isDirectory) throw new CliError(`not a folder: ${absolute}`, 'bad_input');
  return absolute;
}
