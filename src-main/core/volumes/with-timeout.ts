/** Thrown when a filesystem call did not answer in time (a sleeping NAS, a hung network mount). */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT_PROBE';
}

/**
 * Races a promise against a timer. The underlying call is not cancelled (a hung `stat` keeps its
 * libuv thread until the kernel answers), but the caller moves on, so a dead mount never blocks a job.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  // A late rejection of the raced call must not become an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
