/**
 * The folders a Scan Photos walked and found whole — every file row there seen unchanged, in place
 * and present — and how many rows they hold. The Scan for Missing that follows the scan skips their
 * rows; when they are every row of the library, it has nothing left to look at (scan-missing.ts).
 */
export class VerifiedFolders {
  readonly #folders = new Set<string>();
  #files = 0;

  /** `folder` was seen whole, its `files` rows all unchanged. */
  add(folder: string, files: number): void {
    if (this.#folders.has(folder)) return;
    this.#folders.add(folder);
    this.#files += files;
  }

  has(folder: string): boolean {
    return this.#folders.has(folder);
  }

  /** File rows in the verified folders. */
  get files(): number {
    return this.#files;
  }
}
