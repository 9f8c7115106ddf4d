/**
 * MD5's compression function as a small WebAssembly module built here, byte by byte, when first used:
 * `compress8` runs eight independent MD5 streams at once — two interleaved groups of four 32-bit
 * SIMD lanes — and `compress1` one stream with scalar ops, for a file that is hashed alone.
 *
 * Why: a scan's cost is MD5, and MD5 is one long dependency chain per stream: OpenSSL (Node's
 * crypto) reaches ~730 MB/s on one core here, the same as `md5sum`. Eight streams side by side in
 * SIMD registers fill the core's spare issue slots instead (the "multi-buffer" hashing of Intel's
 * ISA-L): measured on this machine, 2.5 GB/s on one core for eight files; one stream in scalar
 * WebAssembly ~570 MB/s. The digests are MD5's own (md5-lanes.test.ts checks them against crypto).
 * Built from code rather than shipped as a binary so that every instruction is readable here.
 */

/** MD5's per-step constants: floor(|sin(i + 1)| * 2^32). */
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
/** Rotation of step i: four per round. */
const ROTATE = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const rotation = (i: number): number => ROTATE[(i >> 4) * 4 + (i & 3)] as number;
/** The message word step i reads. */
const word = (i: number): number => (i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16);

/** Lanes of `compress8`. */
export const LANES = 8;
/** Bytes at the start of the module's memory that hold the eight states (lane buffers go after). */
export const KERNEL_STATE_BYTES = 256;

// --- encoding ---------------------------------------------------------------------------------
const uleb = (value: number): number[] => {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
};
const sleb = (value: number): number[] => {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  i32Load: (offset: number) => [0x28, 2, ...uleb(offset)],
  i32Store: (offset: number) => [0x36, 2, ...uleb(offset)],
  i32Const: (value: number) => [0x41, ...sleb(value)],
  i32Eqz: [0x45],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Or: [0x72],
  i32Xor: [0x73],
  i32Rotl: [0x77],
  // SIMD (prefix 0xfd, then the opcode as LEB128).
  v128Load: (offset: number) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Store: (offset: number) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  v128Const32: (value: number) => [0xfd, ...uleb(0x0c), ...Array.from({ length: 4 }, () => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24]).flat()],
  v128Not: [0xfd, ...uleb(0x4d)],
  v128Or: [0xfd, ...uleb(0x50)],
  v128Xor: [0xfd, ...uleb(0x51)],
  v128Bitselect: [0xfd, ...uleb(0x52)],
  load32Lane: (offset: number, lane: number) => [0xfd, ...uleb(0x56), 2, ...uleb(offset), lane],
  load32Zero: (offset: number) => [0xfd, ...uleb(0x5c), 2, ...uleb(offset)],
  i32x4Shl: [0xfd, ...uleb(0xab)],
  i32x4ShrU: [0xfd, ...uleb(0xad)],
  i32x4Add: [0xfd, ...uleb(0xae)],
};

/**
 * compress8(state, p0 … p7, blocks): for each of `blocks` 64-byte blocks, lane L reads its block at
 * pL (then pL + 64 …). State: A, B, C, D of lanes 0–3, then of lanes 4–7, each a v128 of four
 * lanes (see stateOffset).
 */
function compress8Body(): number[] {
  // Locals: params 0 (state), 1–8 (pointers), 9 (blocks); then per group: a b c d, saved a b c d, t, m0–m15.
  const param = { state: 0, pointer: (lane: number) => 1 + lane, blocks: 9 };
  const PER_GROUP = 25;
  const local = (group: number, index: number) => 10 + group * PER_GROUP + index;
  const abcd = (group: number) => [0, 1, 2, 3].map((i) => local(group, i));
  const saved = (group: number, i: number) => local(group, 4 + i);
  const t = (group: number) => local(group, 8);
  const m = (group: number, k: number) => local(group, 9 + k);
  const code: number[] = [];
  for (const group of [0, 1]) abcd(group).forEach((l, w) => code.push(...op.get(param.state), ...op.v128Load((group * 4 + w) * 16), ...op.set(l)));
  code.push(...op.block, ...op.loop);
  code.push(...op.get(param.blocks), ...op.i32Eqz, ...op.brIf(1));
  // The 16 message words of each lane's block, gathered lane by lane.
  for (const group of [0, 1]) {
    for (let k = 0; k < 16; k++) {
      code.push(...op.get(param.pointer(group * 4)), ...op.load32Zero(k * 4));
      code.push(...op.set(m(group, k)));
      // load32_lane takes the address, then the vector whose lane it replaces.
      for (let lane = 1; lane < 4; lane++) {
        code.push(...op.get(param.pointer(group * 4 + lane)), ...op.get(m(group, k)), ...op.load32Lane(k * 4, lane), ...op.set(m(group, k)));
      }
    }
    for (let i = 0; i < 4; i++) code.push(...op.get((abcd(group) as number[])[i] as number), ...op.set(saved(group, i)));
  }
  const names = [abcd(0), abcd(1)];
  for (let i = 0; i < 64; i++) {
    for (const group of [0, 1]) {
      const [a, b, c, d] = names[group] as [number, number, number, number];
      // f(b, c, d) of the round; bitselect(x, y, mask) = (x & mask) | (y & ~mask).
      const f = i < 16 ? [...op.get(c), ...op.get(d), ...op.get(b), ...op.v128Bitselect]
        : i < 32 ? [...op.get(b), ...op.get(c), ...op.get(d), ...op.v128Bitselect]
          : i < 48 ? [...op.get(b), ...op.get(c), ...op.v128Xor, ...op.get(d), ...op.v128Xor]
            : [...op.get(c), ...op.get(b), ...op.get(d), ...op.v128Not, ...op.v128Or, ...op.v128Xor];
      // t = a + f + (m[word] + K[i]); a = b + rotl(t, s)
      code.push(...op.get(a), ...f, ...op.i32x4Add, ...op.get(m(group, word(i))), ...op.v128Const32(K[i] as number), ...op.i32x4Add, ...op.i32x4Add, ...op.set(t(group)));
      const s = rotation(i);
      code.push(...op.get(b), ...op.get(t(group)), ...op.i32Const(s), ...op.i32x4Shl, ...op.get(t(group)), ...op.i32Const(32 - s), ...op.i32x4ShrU, ...op.v128Or, ...op.i32x4Add, ...op.set(a));
      names[group] = [d, a, b, c];
    }
  }
  for (const group of [0, 1]) {
    for (let i = 0; i < 4; i++) {
      const l = (abcd(group) as number[])[i] as number;
      code.push(...op.get(l), ...op.get(saved(group, i)), ...op.i32x4Add, ...op.set(l));
    }
  }
  for (let lane = 0; lane < LANES; lane++) code.push(...op.get(param.pointer(lane)), ...op.i32Const(64), ...op.i32Add, ...op.set(param.pointer(lane)));
  code.push(...op.get(param.blocks), ...op.i32Const(1), ...op.i32Sub, ...op.set(param.blocks), ...op.br(0), ...op.end, ...op.end);
  for (const group of [0, 1]) abcd(group).forEach((l, w) => code.push(...op.get(param.state), ...op.get(l), ...op.v128Store((group * 4 + w) * 16)));
  code.push(...op.end);
  return [...vector([[...uleb(2 * PER_GROUP), V128]]), ...code];
}

/** compress1(word0, p, blocks): one stream whose A, B, C, D are at word0, +16, +32, +48 (a lane of the state). */
function compress1Body(): number[] {
  const param = { state: 0, pointer: 1, blocks: 2 };
  const abcd = [3, 4, 5, 6];
  const saved = (i: number) => 7 + i;
  const code: number[] = [];
  abcd.forEach((l, w) => code.push(...op.get(param.state), ...op.i32Load(w * 16), ...op.set(l)));
  code.push(...op.block, ...op.loop, ...op.get(param.blocks), ...op.i32Eqz, ...op.brIf(1));
  abcd.forEach((l, i) => code.push(...op.get(l), ...op.set(saved(i))));
  let names = abcd;
  for (let i = 0; i < 64; i++) {
    const [a, b, c, d] = names as [number, number, number, number];
    const f = i < 16 ? [...op.get(d), ...op.get(b), ...op.get(c), ...op.get(d), ...op.i32Xor, ...op.i32And, ...op.i32Xor]
      : i < 32 ? [...op.get(c), ...op.get(d), ...op.get(b), ...op.get(c), ...op.i32Xor, ...op.i32And, ...op.i32Xor]
        : i < 48 ? [...op.get(b), ...op.get(c), ...op.i32Xor, ...op.get(d), ...op.i32Xor]
          : [...op.get(c), ...op.get(b), ...op.get(d), ...op.i32Const(-1), ...op.i32Xor, ...op.i32Or, ...op.i32Xor];
    code.push(...op.get(b), ...op.get(a), ...f, ...op.i32Add, ...op.get(param.pointer), ...op.i32Load(word(i) * 4), ...op.i32Const(K[i] as number), ...op.i32Add, ...op.i32Add, ...op.i32Const(rotation(i)), ...op.i32Rotl, ...op.i32Add, ...op.set(a));
    names = [d, a, b, c];
  }
  abcd.forEach((l, i) => code.push(...op.get(l), ...op.get(saved(i)), ...op.i32Add, ...op.set(l)));
  code.push(...op.get(param.pointer), ...op.i32Const(64), ...op.i32Add, ...op.set(param.pointer));
  code.push(...op.get(param.blocks), ...op.i32Const(1), ...op.i32Sub, ...op.set(param.blocks), ...op.br(0), ...op.end, ...op.end);
  abcd.forEach((l, w) => code.push(...op.get(param.state), ...op.get(l), ...op.i32Store(w * 16)));
  code.push(...op.end);
  return [...vector([[...uleb(8), I32]]), ...code];
}

/** The module's bytes, for `pages` pages of exported memory. */
export function md5KernelBytes(pages: number): Uint8Array<ArrayBuffer> {
  const funcType = (params: number) => [0x60, ...vector(Array.from({ length: params }, () => [I32])), 0];
  const name = (text: string) => [...uleb(text.length), ...Buffer.from(text, 'ascii')];
  const body = (code: number[]) => [...uleb(code.length), ...code];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([funcType(2 + LANES), funcType(3)])),
    ...section(3, vector([[0], [1]])),
    ...section(5, vector([[0x00, ...uleb(pages)]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], [...name('compress8'), 0x00, 0], [...name('compress1'), 0x00, 1]])),
    ...section(10, vector([body(compress8Body()), body(compress1Body())])),
  ];
  return new Uint8Array(bytes);
}

/** The WebAssembly API as this file uses it (the main process's build has no DOM lib, where its types are). */
interface WasmApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  readonly Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  readonly Instance: new (module: object) => { readonly exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The compiled kernel and its memory. */
export interface Md5Kernel {
  readonly memory: { readonly buffer: ArrayBuffer };
  compress8(state: number, p0: number, p1: number, p2: number, p3: number, p4: number, p5: number, p6: number, p7: number, blocks: number): void;
  compress1(word0: number, pointer: number, blocks: number): void;
}

/** Where lane `lane`'s word `w` (A, B, C, D) of the state is, from the start of memory. */
export const stateOffset = (lane: number, w: number): number => ((lane >> 2) * 4 + w) * 16 + (lane & 3) * 4;


/**
 * The kernel with room for `bufferBytes` of lane buffers after the state (KERNEL_STATE_BYTES), or
 * null where this WebAssembly has no SIMD (the caller then hashes with crypto). Synchronous: the
 * module is a few kilobytes.
 */
export function createMd5Kernel(bufferBytes: number): Md5Kernel | null {
  const pages = Math.ceil((KERNEL_STATE_BYTES + bufferBytes) / 65_536);
  const code = md5KernelBytes(pages);
  if (!wasm.validate(code)) return null;
  const instance = new wasm.Instance(new wasm.Module(code));
  return instance.exports as unknown as Md5Kernel;
}
