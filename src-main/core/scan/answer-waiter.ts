/**
 * Resolves the scan's one waiter at the next answer from the workers (a hash, a description or a
 * sidecar). Answers are counted, not raced: every Promise.race over the pending answers hangs a
 * reaction on each of them, megabytes of garbage per thousand photos.
 */
export class AnswerWaiter {
  #wake: (() => void) | null = null;

  /** Resolves at the next `answered()`. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
  }

  /** An answer came: wakes the waiter, if any. */
  answered(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
