import { closeSync, readSync } from 'node:fs';
import { openRegularSync } from '../file-workers/open-regular.ts';
import { createMd5Kernel, KERNEL_STATE_BYTES, LANES, stateOffset, type Md5Kernel } from './md5-kernel.ts';

/** MD5's initial A, B, C, D. */
const IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476] as const;
/** Room past a lane's chunk: the unhashed tail of the last read (< 64 bytes) and MD5's padding (<= 72). */
const LANE_SLACK = 256;

/** What hashing one file gives: its MD5 hex and its first bytes (the rest of `head` zeroed). */
export interface LaneOutcome {
  readonly md5: string;
  readonly head: Buffer;
}

interface Lane {
  readonly index: number;
  /** The lane's bytes in the kernel's memory, and their address there. */
  readonly region: Buffer;
  readonly address: number;
  file: {
    fd: number;
    /** Unhashed bytes are region[pos, end); pos is always on a 64-byte block of the file. */
    pos: number;
    end: number;
    /** Bytes read so far. */
    length: number;
    /** End of file seen and MD5's padding appended: the lane ends at end. */
    padded: boolean;
    readonly head: Buffer;
    readonly done: (outcome: LaneOutcome | Error) => void;
  } | null;
}

/**
 * Several files hashed at once, each in a lane of the eight-lane MD5 kernel (md5-kernel.ts), read
 * through its own chunk buffer: what a file worker does with the hash requests it has in hand. A
 * file alone in the lanes goes on in the scalar kernel (eight lanes for one stream would be slower
 * than crypto). Files are opened as every file worker opens a user's file (open-regular.ts: never a
 * FIFO, never blocking); a file's outcome — its digest or its error — is told by `done`.
 */
export class Md5Lanes {
  readonly #kernel: Md5Kernel;
  readonly #chunk: number;
  readonly #headBytes: number;
  readonly #lanes: Lane[];
  #active = 0;

  /** Lanes for files read `chunkBytes` at a time; null where WebAssembly has no SIMD. */
  static create(options: { chunkBytes: number; headBytes: number }): Md5Lanes | null {
    const laneBytes = options.chunkBytes + LANE_SLACK;
    const kernel = createMd5Kernel(LANES * laneBytes);
    return kernel === null ? null : new Md5Lanes(kernel, options.chunkBytes, options.headBytes);
  }

  private constructor(kernel: Md5Kernel, chunkBytes: number, headBytes: number) {
    this.#kernel = kernel;
    this.#chunk = chunkBytes;
    this.#headBytes = headBytes;
    const laneBytes = chunkBytes + LANE_SLACK;
    this.#lanes = Array.from({ length: LANES }, (_, index) => {
      const address = KERNEL_STATE_BYTES + index * laneBytes;
      return { index, address, region: Buffer.from(kernel.memory.buffer, address, laneBytes), file: null };
    });
  }

  /** Lanes with no file. */
  get free(): number {
    return LANES - this.#active;
  }

  /** Lanes hashing a file. */
  get active(): number {
    return this.#active;
  }

  /**
   * Starts hashing `path` in a free lane (there must be one). A file that cannot be opened (gone,
   * not a regular file, permission denied) is told at once through `done`.
   */
  start(path: string, done: (outcome: LaneOutcome | Error) => void): void {
    const lane = this.#lanes.find((candidate) => candidate.file === null);
    if (lane === undefined) throw new Error('no free lane');
    let fd: number;
    try {
      ({ fd } = openRegularSync(path));
    } catch (error) {
      done(error as Error);
      return;
    }
    const view = new DataView(this.#kernel.memory.buffer);
    IV.forEach((value, w) => view.setUint32(stateOffset(lane.index, w), value, true));
    lane.file = { fd, pos: 0, end: 0, length: 0, padded: false, head: Buffer.alloc(this.#headBytes), done };
    this.#active += 1;
  }

  /**
   * One round: every lane short of a block reads its next chunk, the lanes are hashed as far as
   * all of them have blocks, and the files they finish are told. About one chunk per lane of work.
   */
  step(): void {
    for (const lane of this.#lanes) {
      const file = lane.file;
      if (file === null || file.padded || file.end - file.pos >= 64) continue;
      try {
        this.#fill(lane);
      } catch (error) {
        this.#finish(lane, error as Error);
      }
    }
    if (this.#active === 0) return;
    const busy = this.#lanes.filter((lane) => lane.file !== null);
    if (busy.length === 1) {
      const lane = busy[0] as Lane & { file: NonNullable<Lane['file']> };
      const blocks = Math.floor((lane.file.end - lane.file.pos) / 64);
      this.#kernel.compress1(stateOffset(lane.index, 0), lane.address + lane.file.pos, blocks);
      lane.file.pos += blocks * 64;
    } else {
      let blocks = Number.POSITIVE_INFINITY;
      for (const lane of busy) blocks = Math.min(blocks, Math.floor(((lane.file?.end ?? 0) - (lane.file?.pos ?? 0)) / 64));
      // A lane with no file hashes whatever its buffer holds: its state is reset when a file starts.
      const at = (index: number): number => {
        const lane = this.#lanes[index] as Lane;
        return lane.address + (lane.file?.pos ?? 0);
      };
      this.#kernel.compress8(0, at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7), blocks);
      for (const lane of busy) (lane.file as NonNullable<Lane['file']>).pos += blocks * 64;
    }
    for (const lane of busy) {
      const file = lane.file as NonNullable<Lane['file']>;
      if (file.padded && file.pos === file.end) this.#finish(lane, null);
    }
  }

  /** Reads until the lane holds a block, or appends MD5's padding at the end of the file. */
  #fill(lane: Lane): void {
    const file = lane.file as NonNullable<Lane['file']>;
    const tail = file.end - file.pos;
    if (file.pos > 0) lane.region.copyWithin(0, file.pos, file.end);
    file.pos = 0;
    file.end = tail;
    while (file.end < 64) {
      const read = readSync(file.fd, lane.region, file.end, this.#chunk, null);
      if (read === 0) {
        this.#pad(lane);
        return;
      }
      if (file.length === 0) lane.region.copy(file.head, 0, file.end, file.end + Math.min(read, file.head.length));
      file.end += read;
      file.length += read;
    }
  }

  /** 0x80, zeros to 8 bytes short of a block, then the length in bits (64-bit little-endian). */
  #pad(lane: Lane): void {
    const file = lane.file as NonNullable<Lane['file']>;
    const tail = file.end - file.pos;
    const padded = tail + 9 <= 64 ? 64 : 128;
    lane.region.fill(0, file.end, file.pos + padded);
    lane.region[file.end] = 0x80;
    lane.region.writeUInt32LE((file.length * 8) >>> 0, file.pos + padded - 8);
    lane.region.writeUInt32LE(Math.floor(file.length / 2 ** 29) >>> 0, file.pos + padded - 4);
    file.end = file.pos + padded;
    file.padded = true;
  }

  #finish(lane: Lane, error: Error | null): void {
    const file = lane.file as NonNullable<Lane['file']>;
    lane.file = null;
    this.#active -= 1;
    try {
      closeSync(file.fd);
    } catch {
      // Already hashed (or failed): nothing of the outcome depends on the close.
    }
    if (error !== null) {
      file.done(error);
      return;
    }
    const view = new DataView(this.#kernel.memory.buffer);
    const digest = Buffer.alloc(16);
    for (let w = 0; w < 4; w++) digest.writeUInt32LE(view.getUint32(stateOffset(lane.index, w), true), w * 4);
    file.done({ md5: digest.toString('hex'), head: file.head });
  }
}
