import { statSync, type Stats } from 'node:fs';

/** stat that reports permission problems as 'unreadable' instead of throwing (absent: undefined). */
export function probePath(path: string): Stats | undefined | 'unreadable' {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
    if (code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Whether a recorded copy still holds its content there (a file of the recorded size). */
export function copyStillThere(copy: { path: string; size: number }): boolean {
  const info = probePath(copy.path);
  return info !== undefined && info !== 'unreadable' && info.isFile() && info.size === copy.size;
}
