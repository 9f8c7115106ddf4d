import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { LANES } from './md5-kernel.ts';
import { Md5Lanes, type LaneOutcome } from './md5-lanes.ts';

/** Hashes every path through the lanes, starting files as lanes free up; outcomes by path. */
function hashAll(lanes: Md5Lanes, paths: readonly string[]): Map<string, LaneOutcome | Error> {
  const outcomes = new Map<string, LaneOutcome | Error>();
  const queue = [...paths];
  for (let rounds = 0; queue.length > 0 || lanes.active > 0; rounds++) {
    while (lanes.free > 0 && queue.length > 0) {
      const path = queue.shift() as string;
      lanes.start(path, (outcome) => outcomes.set(path, outcome));
    }
    lanes.step();
    assert.ok(rounds < 1_000_000, 'the lanes never finished');
  }
  return outcomes;
}

/** Deterministic bytes that differ from file to file. */
const bytesOf = (length: number, seed: number): Buffer => {
  const data = Buffer.alloc(length);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return data;
};

describe('Md5Lanes', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-lanes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Every length where MD5's padding changes shape (55/56, 63/64/65, 119/120), and lengths around
  // the chunk, so that a file ends in the middle of a read, at its end, and just past it.
  const CHUNK = 4096;
  const LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK + 63, 3 * CHUNK + 12_345, 100_000, 262_144];

  it('gives each file the MD5 crypto gives it, with more files than lanes, of every padding shape', () => {
    const lanes = Md5Lanes.create({ chunkBytes: CHUNK, headBytes: 32 });
    assert.ok(lanes, 'this Node has WebAssembly SIMD');
    const files = LENGTHS.flatMap((length, i) => [0, 1].map((copy) => {
      const path = join(dir, `f${i}-${copy}.bin`);
      writeFileSync(path, bytesOf(length, i * 2 + copy));
      return { path, md5: createHash('md5').update(bytesOf(length, i * 2 + copy)).digest('hex') };
    }));
    assert.ok(files.length > 4 * LANES);
    const outcomes = hashAll(lanes, files.map((file) => file.path));
    for (const file of files) assert.equal((outcomes.get(file.path) as LaneOutcome).md5, file.md5, file.path);
    assert.equal(lanes.active, 0);
    assert.equal(lanes.free, LANES);
  });

  it('hashes a file alone (the scalar kernel) and one whose chunk is not a whole number of blocks', () => {
    for (const chunkBytes of [100, 1024 * 1024]) {
      const lanes = Md5Lanes.create({ chunkBytes, headBytes: 32 }) as Md5Lanes;
      const path = join(dir, `alone-${chunkBytes}.bin`);
      const data = bytesOf(3 * 1024 * 1024 + 17, 7);
      writeFileSync(path, data);
      const outcome = hashAll(lanes, [path]).get(path) as LaneOutcome;
      assert.equal(outcome.md5, createHash('md5').update(data).digest('hex'));
    }
  });

  it('equals md5sum on real camera files, and keeps each file\'s first bytes (zeroed past a short file)', () => {
    const lanes = Md5Lanes.create({ chunkBytes: 64 * 1024, headBytes: 32 }) as Md5Lanes;
    const samples = ['exif-samples/jpg/Canon_40D.jpg', 'exiftool-samples/Nikon.nef', 'video/clip-h264.mp4', 'exif-samples/heic/IMG_5195.HEIC', 'exiftool-samples/XMP.xmp'].map(corpusFile);
    const tiny = join(dir, 'tiny.jpg');
    writeFileSync(tiny, Buffer.from([0xff, 0xd8, 0xff]));
    const outcomes = hashAll(lanes, [...samples, tiny]);
    for (const sample of samples) assert.equal((outcomes.get(sample) as LaneOutcome).md5, execFileSync('md5sum', [sample], { encoding: 'utf8' }).split(' ')[0], sample);
    const jpeg = outcomes.get(samples[0] as string) as LaneOutcome;
    assert.deepEqual([...jpeg.head.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    const short = outcomes.get(tiny) as LaneOutcome;
    assert.equal(short.head.length, 32);
    assert.deepEqual([...short.head], [0xff, 0xd8, 0xff, ...Array.from({ length: 29 }, () => 0)]);
  });

  it('tells a file that cannot be opened at once, with its code, and hashes the others', () => {
    const lanes = Md5Lanes.create({ chunkBytes: CHUNK, headBytes: 32 }) as Md5Lanes;
    const fifo = join(dir, 'pipe.jpg');
    execFileSync('mkfifo', [fifo]);
    const folder = join(dir, 'a-folder.jpg');
    mkdirSync(folder);
    const good = join(dir, 'good.jpg');
    writeFileSync(good, bytesOf(5000, 3));
    const outcomes = hashAll(lanes, [join(dir, 'gone.jpg'), fifo, folder, good]);
    assert.equal((outcomes.get(join(dir, 'gone.jpg')) as NodeJS.ErrnoException).code, 'ENOENT');
    // A FIFO never blocks the open (open-regular.ts), and neither it nor a folder is hashed.
    assert.ok(outcomes.get(fifo) instanceof Error);
    assert.ok(outcomes.get(folder) instanceof Error);
    assert.equal((outcomes.get(good) as LaneOutcome).md5, createHash('md5').update(bytesOf(5000, 3)).digest('hex'));
    assert.equal(lanes.active, 0);
  });
});
