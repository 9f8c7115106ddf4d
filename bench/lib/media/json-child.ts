import { spawn } from 'node:child_process';

/**
 * Runs `node SCRIPT ARGS...` with the project's Node as a process of its own (its memory is then its
 * own) and parses the last line it prints as JSON. stderr goes to the bench's (progress samples).
 */
export function runJsonChild<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T);
      } catch (error) {
        reject(new Error(`${script} printed no report: ${(error as Error).message}`));
      }
    });
  });
}
