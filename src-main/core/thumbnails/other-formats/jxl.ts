/**
 * JPEG XL, decoded by jxl-oxide (Rust, compiled to WebAssembly: `jxl-oxide-wasm` 0.12, MIT OR
 * Apache-2.0), loaded on the first JPEG XL file a process meets. Checked against `@jsquash/jxl` 1.3
 * (libjxl via Emscripten, Apache-2.0): both run under plain Node and decode real files alike
 * (colour, alpha, orientation, the container); jxl-oxide was kept because it reads the header
 * before decoding, so the size limit is checked before any pixel is allocated, it is memory-safe
 * Rust with one-line reasons for broken files, it is maintained (0.12.5, January 2026), it is a
 * third of the size (1.8 MB), and it decodes 100 MP where jsquash's 2 GB heap aborts.
 *
 * Its one way out is a PNG (`RenderResult.encodeToPng`), which sharp turns into raw pixels: that
 * PNG encode is most of the time, ~4 s of ~6 s for 12 MP on this machine, where jsquash takes ~3.5 s.
 * Pixels come out turned by the file's orientation, in sRGB (`forceSrgb`; an embedded ICC profile
 * goes into the PNG and sharp converts from it). One decode peaks near 28 bytes a pixel (340 MB at
 * 12 MP, 2.8 GB at 100 MP) and the WebAssembly memory never shrinks, as with libheif: a worker that
 * decodes these should be the one that does the heavy decodes (file-workers.ts).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RawPixels } from './decode-other-format.ts';
import { checkPixelBudget } from './pixel-budget.ts';

type JxlOxide = typeof import('jxl-oxide-wasm');

const CONTAINER = [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

/** Whether the bytes start like JPEG XL: a bare codestream (FF 0A) or the ISO-BMFF container's "JXL " box. */
export function isJxl(data: Uint8Array): boolean {
  return (data.length >= 2 && data[0] === 0xff && data[1] === 0x0a) || (data.length >= 12 && CONTAINER.every((byte, i) => data[i] === byte));
}

function fail(reason: string): never {
  throw new Error(`JPEG XL: ${reason}`);
}

/**
 * The WebAssembly global, typed here: the main process is compiled against ES2023 alone (no DOM
 * library, where TypeScript declares it), and only these two members are used.
 */
const Wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object>; RuntimeError: new (...args: never[]) => Error } }).WebAssembly;

let compiled: Promise<object> | null = null;
let instance: Promise<JxlOxide> | null = null;
let instances = 0;

/**
 * The decoder, instantiated once. Its .wasm is found through the package's own export map
 * (`jxl-oxide-wasm/module.wasm`), so it loads the same from the repo, the CLI and the packaged app.
 * After a WebAssembly trap the instance is dropped: the next decode imports a fresh copy of the
 * bindings (a module instance cannot be reset) on the same compiled module.
 */
function decoder(): Promise<JxlOxide> {
  if (instance !== null) return instance;
  compiled ??= readFile(fileURLToPath(import.meta.resolve('jxl-oxide-wasm/module.wasm'))).then((bytes) => Wasm.compile(bytes));
  const url = import.meta.resolve('jxl-oxide-wasm') + (instances++ === 0 ? '' : `?instance=${instances}`);
  const loading = compiled.then(async (module) => {
    const bindings = (await import(url)) as JxlOxide;
    bindings.initSync({ module });
    return bindings;
  });
  loading.catch(() => {
    // Not found or not loadable: try again on the next file rather than failing every one after.
    compiled = null;
    if (instance === loading) instance = null;
  });
  return (instance = loading);
}

/** jxl-oxide throws plain strings; a trap (a Rust panic, memory exhausted) is a WebAssembly.RuntimeError. */
function reason(error: unknown): string {
  if (error instanceof Wasm.RuntimeError) {
    instance = null;
    return `the decoder failed (${error.message})`;
  }
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** The first frame, oriented, as a PNG (jxl-oxide's only output). */
function renderPng(jxl: JxlOxide, data: Uint8Array): Uint8Array {
  const image = new jxl.JxlImage();
  try {
    image.forceSrgb = true;
    image.feedBytes(data);
    if (!image.tryInit()) fail('truncated header');
    checkPixelBudget('JPEG XL', image.width ?? 0, image.height ?? 0);
    if (!image.loaded) fail('truncated (the picture data is incomplete)');
    return image.render(0).encodeToPng(); // encodeToPng consumes (frees) the render result
  } catch (error) {
    throw error instanceof Error && error.message.startsWith('JPEG XL:') ? error : new Error(`JPEG XL: ${reason(error)}`);
  } finally {
    try {
      image.free();
    } catch {
      // Already gone with a trapped instance.
    }
  }
}

/** Decodes a JPEG XL (isJxl said so): RGB, or RGBA when it has alpha. */
export async function decodeJxl(data: Uint8Array): Promise<RawPixels> {
  let jxl: JxlOxide;
  try {
    jxl = await decoder();
  } catch (error) {
    fail(`the decoder could not be loaded: ${reason(error)}`);
  }
  const png = renderPng(jxl, data);
  const { data: pixels, info } = await sharp(png).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 && info.channels !== 4) fail(`unexpected ${info.channels}-channel output`);
  return { data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length), width: info.width, height: info.height, channels: info.channels };
}
