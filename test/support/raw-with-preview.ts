/**
 * Builders of synthetic but structurally real camera RAW files around real JPEGs, for tests of
 * preview extraction and thumbnails: the containers (TIFF IFD trees with SubIFDs and MakerNotes,
 * the RAF header, CR3's ISO boxes) are laid out as cameras write them; the sensor data is filler,
 * or a lossless-JPEG (SOF3) stream bigger than any preview that must never be taken for one.
 */
import sharp from 'sharp';

/** A solid-colour JPEG that really decodes (sharp-made), optionally with its own EXIF orientation. */
export async function makeJpeg(width: number, height: number, options: { background?: string; orientation?: number } = {}): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: options.background ?? '#36c' } });
  return (options.orientation === undefined ? image : image.withMetadata({ orientation: options.orientation })).jpeg().toBuffer();
}

/**
 * A lossless JPEG (SOF3) as CR2 and DNG store their sensor data: well-formed segments and a frame
 * of `width`×`height`, but no decoder for previews reads it.
 */
export function makeLosslessJpeg(width = 6000, height = 4000): Buffer {
  const dht = [0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...new Array<number>(15).fill(0), 0x00];
  const sof3 = [0xff, 0xc3, 0x00, 0x0e, 14, height >> 8, height & 0xff, width >> 8, width & 0xff, 2, 1, 0x11, 0, 2, 0x11, 0];
  const sos = [0xff, 0xda, 0x00, 0x0a, 2, 1, 0x00, 2, 0x00, 1, 0, 0];
  return Buffer.from([0xff, 0xd8, ...dht, ...sof3, ...sos, ...new Array<number>(256).fill(0x55), 0xff, 0xd9]);
}

// ---- A small TIFF writer: IFDs and blobs are laid out first, then pointers are filled in.

/** BYTE, ASCII, SHORT, LONG, UNDEFINED, IFD. */
type TiffType = 1 | 2 | 3 | 4 | 7 | 13;
/** Stands for the offset of an IFD or a blob, known once the file is laid out. */
interface Pointer {
  readonly to: TiffIfd | Uint8Array;
}
interface TiffEntry {
  readonly tag: number;
  readonly type: TiffType;
  /** Numbers / pointers for SHORT, LONG and IFD; bytes for BYTE, ASCII and UNDEFINED. */
  readonly values: readonly (number | Pointer)[] | Uint8Array;
}
interface TiffIfd {
  readonly entries: readonly TiffEntry[];
  next?: TiffIfd;
}

const to = (target: TiffIfd | Uint8Array): Pointer => ({ to: target });
const short = (tag: number, ...values: number[]): TiffEntry => ({ tag, type: 3, values });
const long = (tag: number, ...values: (number | Pointer)[]): TiffEntry => ({ tag, type: 4, values });
const bytes = (tag: number, type: 1 | 2 | 7, values: Uint8Array | string): TiffEntry =>
  ({ tag, type, values: typeof values === 'string' ? Buffer.from(`${values}\0`, 'latin1') : values });
const ifd = (...entries: TiffEntry[]): TiffIfd => ({ entries: [...entries].sort((a, b) => a.tag - b.tag) });

/** Writes the IFD tree right after `prefix` (which holds the magic and any IFD0 pointer); pointers count from byte 0. */
function writeTiff(ifd0: TiffIfd, le: boolean, prefix: Uint8Array): Buffer {
  const ifds: TiffIfd[] = [];
  const blobs: Uint8Array[] = [];
  const collect = (node: TiffIfd): void => {
    if (ifds.includes(node)) return;
    ifds.push(node);
    for (const entry of node.entries) {
      if (entry.values instanceof Uint8Array) {
        if (entry.values.length > 4 && !blobs.includes(entry.values)) blobs.push(entry.values);
        continue;
      }
      for (const value of entry.values) {
        if (typeof value === 'number') continue;
        if (value.to instanceof Uint8Array) { if (!blobs.includes(value.to)) blobs.push(value.to); } else collect(value.to);
      }
    }
    if (node.next) collect(node.next);
  };
  collect(ifd0);

  const width = (entry: TiffEntry): number => entry.values instanceof Uint8Array ? entry.values.length : entry.values.length * (entry.type === 3 ? 2 : 4);
  const extra = (entry: TiffEntry): number => entry.values instanceof Uint8Array || width(entry) <= 4 ? 0 : (width(entry) + 1) & ~1;
  const offsets = new Map<TiffIfd | Uint8Array, number>();
  let end = prefix.length;
  for (const node of ifds) {
    offsets.set(node, end);
    end += 6 + 12 * node.entries.length + node.entries.reduce((sum, entry) => sum + extra(entry), 0);
  }
  for (const blob of blobs) {
    offsets.set(blob, end);
    end += (blob.length + 1) & ~1;
  }

  const out = Buffer.alloc(end);
  Buffer.from(prefix).copy(out);
  const put16 = (at: number, v: number) => (le ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at));
  const put32 = (at: number, v: number) => (le ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at));
  const resolve = (value: number | Pointer): number => (typeof value === 'number' ? value : offsets.get(value.to)!);
  for (const node of ifds) {
    const at = offsets.get(node)!;
    let spill = at + 6 + 12 * node.entries.length;
    put16(at, node.entries.length);
    node.entries.forEach((entry, i) => {
      const e = at + 2 + 12 * i;
      put16(e, entry.tag);
      put16(e + 2, entry.type);
      put32(e + 4, entry.values.length);
      if (entry.values instanceof Uint8Array) {
        if (entry.values.length <= 4) Buffer.from(entry.values).copy(out, e + 8);
        else put32(e + 8, offsets.get(entry.values)!);
        return;
      }
      const target = width(entry) <= 4 ? e + 8 : spill;
      if (target === spill) { put32(e + 8, spill); spill += extra(entry); }
      entry.values.forEach((value, k) => (entry.type === 3 ? put16(target + 2 * k, resolve(value)) : put32(target + 4 * k, resolve(value))));
    });
    put32(at + 2 + 12 * node.entries.length, node.next ? offsets.get(node.next)! : 0);
  }
  for (const blob of blobs) Buffer.from(blob).copy(out, offsets.get(blob)!);
  return out;
}

function tiffPrefix(le: boolean, magic: number, extra: Uint8Array = new Uint8Array(0)): Buffer {
  const head = Buffer.alloc(8);
  head.write(le ? 'II' : 'MM', 0, 'latin1');
  if (le) { head.writeUInt16LE(magic, 2); head.writeUInt32LE(8 + extra.length, 4); } else { head.writeUInt16BE(magic, 2); head.writeUInt32BE(8 + extra.length, 4); }
  return Buffer.concat([head, extra]);
}

/** The picture's size for the container's own width/height fields; 0×0 for bytes that are no image (a test's dummy). */
async function sizeOf(jpeg: Uint8Array): Promise<{ width: number; height: number }> {
  const meta = await sharp(jpeg).metadata().catch(() => ({ width: 0, height: 0 }));
  return { width: meta.width ?? 0, height: meta.height ?? 0 };
}

// ---- TIFF-based RAWs.

/** The TIFF-based RAW layouts built: each puts its preview where that camera maker does. */
export type TiffRawLayout = 'cr2' | 'nef' | 'arw' | 'dng' | 'orf' | 'rw2';

export interface TiffRawOptions {
  /** The big preview (e.g. 1600×1066). */
  readonly previewJpeg: Uint8Array;
  /** The small IFD1 / MakerNote thumbnail (e.g. 160×106); rw2 has none outside its preview. */
  readonly thumbJpeg?: Uint8Array;
  /** IFD0's Orientation tag, written when given. */
  readonly orientation?: number;
  /** Which camera's layout to mimic; 'cr2' by default. */
  readonly extension?: TiffRawLayout;
  /** 'II' (little-endian, the default) or 'MM'. */
  readonly byteOrder?: 'II' | 'MM';
  /** The sensor data; by default a 6000×4000 lossless JPEG where the format uses one (cr2, dng), filler otherwise. */
  readonly rawData?: Uint8Array;
}

/**
 * A TIFF-based RAW: cr2 (preview in IFD0's JPEG strip, thumbnail in IFD1, lossless raw in IFD3),
 * nef (preview in a SubIFD's JPEGInterchangeFormat, thumbnail in the Nikon MakerNote's PreviewIFD),
 * arw (preview in IFD0, thumbnail in IFD1), dng (thumbnail in IFD0, raw and preview SubIFDs),
 * orf (IIRO magic, thumbnail in IFD1, preview in the Olympus MakerNote's CameraSettings),
 * rw2 (magic 0x55, preview as IFD0's JpgFromRaw tag 0x002E).
 */
export async function makeTiffRawWithPreview(options: TiffRawOptions): Promise<Buffer> {
  const layout = options.extension ?? 'cr2';
  const le = (options.byteOrder ?? 'II') === 'II';
  const preview = options.previewJpeg;
  const thumb = options.thumbJpeg;
  const lossless = layout === 'cr2' || layout === 'dng';
  const raw = options.rawData ?? (lossless ? makeLosslessJpeg() : Buffer.alloc(4096, 0x5a));
  const size = await sizeOf(preview);
  const orientation = options.orientation === undefined ? [] : [short(0x0112, options.orientation)];
  const rawIfd = (compression: number): TiffIfd =>
    ifd(long(0x00fe, 0), short(0x0100, 6000), short(0x0101, 4000), short(0x0103, compression), long(0x0111, to(raw)), long(0x0117, raw.length));
  const jpegIfd = (jpeg: Uint8Array, compression: number, ...more: TiffEntry[]): TiffIfd =>
    ifd(short(0x0103, compression), long(0x0201, to(jpeg)), long(0x0202, jpeg.length), ...more);
  const exif = (...more: TiffEntry[]): TiffIfd => ifd(bytes(0x9000, 7, Buffer.from('0231')), ...more);

  switch (layout) {
    case 'cr2': {
      const ifd0 = ifd(short(0x0100, size.width), short(0x0101, size.height), short(0x0103, 6), bytes(0x010f, 2, 'Canon'),
        long(0x0111, to(preview)), long(0x0117, preview.length), ...orientation, long(0x8769, to(exif())));
      const rgb = Buffer.alloc(160 * 120 * 3, 0x80);
      const ifd2 = ifd(short(0x0100, 160), short(0x0101, 120), short(0x0103, 1), long(0x0111, to(rgb)), long(0x0117, rgb.length));
      ifd2.next = rawIfd(6);
      ifd0.next = thumb ? jpegIfd(thumb, 6) : ifd2;
      if (thumb) ifd0.next.next = ifd2;
      const cr2Header = Buffer.from([0x43, 0x52, 2, 0, 0, 0, 0, 0]); // "CR", version 2.0, raw IFD offset (unused here)
      return writeTiff(ifd0, le, tiffPrefix(le, 0x2a, cr2Header));
    }
    case 'nef': {
      const previewIfd = ifd(long(0x00fe, 1), ...jpegIfd(preview, 6).entries);
      const nikon = thumb ? [bytes(0x927c, 7, nikonMakerNote(thumb, le))] : [];
      const ifd0 = ifd(long(0x00fe, 1), bytes(0x010f, 2, 'NIKON CORPORATION'), ...orientation,
        long(0x014a, to(previewIfd), to(rawIfd(34713))), long(0x8769, to(exif(...nikon))));
      return writeTiff(ifd0, le, tiffPrefix(le, 0x2a));
    }
    case 'arw': {
      const ifd0 = jpegIfd(preview, 6, bytes(0x010f, 2, 'SONY'), ...orientation, long(0x014a, to(rawIfd(32767))), long(0x8769, to(exif())));
      if (thumb) ifd0.next = jpegIfd(thumb, 6);
      return writeTiff(ifd0, le, tiffPrefix(le, 0x2a));
    }
    case 'dng': {
      const previewIfd = ifd(long(0x00fe, 1), short(0x0100, size.width), short(0x0101, size.height), short(0x0103, 7),
        long(0x0111, to(preview)), long(0x0117, preview.length));
      const thumbEntries = thumb ? [short(0x0103, 7), long(0x0111, to(thumb)), long(0x0117, thumb.length)] : [];
      const ifd0 = ifd(long(0x00fe, 1), ...thumbEntries, ...orientation, long(0x014a, to(rawIfd(7)), to(previewIfd)),
        bytes(0xc612, 1, Buffer.from([1, 4, 0, 0])));
      return writeTiff(ifd0, le, tiffPrefix(le, 0x2a));
    }
    case 'orf': {
      const ifd0 = ifd(...rawIfd(1).entries, bytes(0x010f, 2, 'OLYMPUS IMAGING CORP.'), ...orientation,
        long(0x8769, to(exif(bytes(0x927c, 7, olympusMakerNote(preview, le))))));
      if (thumb) ifd0.next = jpegIfd(thumb, 6);
      return writeTiff(ifd0, le, tiffPrefix(le, 0x4f52));
    }
    case 'rw2': {
      const ifd0 = ifd(short(0x0002, 6000), short(0x0003, 4000), bytes(0x002e, 7, preview), short(0x0103, 34316),
        long(0x0111, to(raw)), long(0x0117, raw.length), ...orientation);
      return writeTiff(ifd0, le, tiffPrefix(le, 0x55));
    }
  }
}

/** Nikon type 3: "Nikon\0", version, then a whole TIFF whose PreviewIFD (0x0011) holds the JPEG. */
function nikonMakerNote(jpeg: Uint8Array, le: boolean): Buffer {
  const previewIfd = ifd(short(0x0103, 6), long(0x0201, to(jpeg)), long(0x0202, jpeg.length));
  const inner = writeTiff(ifd({ tag: 0x0011, type: 13, values: [to(previewIfd)] }, bytes(0x0001, 7, Buffer.from('0210'))), le, tiffPrefix(le, 0x2a));
  return Buffer.concat([Buffer.from('Nikon\0\x02\x10\0\0', 'latin1'), inner]);
}

/** Olympus type 2: "OLYMPUS\0" + byte order + version, pointers counted from the MakerNote's start. */
function olympusMakerNote(jpeg: Uint8Array, le: boolean): Buffer {
  const cameraSettings = ifd(long(0x0100, 1), long(0x0101, to(jpeg)), long(0x0102, jpeg.length));
  const prefix = Buffer.from(`OLYMPUS\0${le ? 'II' : 'MM'}\x03\x00`, 'latin1');
  return writeTiff(ifd(bytes(0x0000, 7, Buffer.from('0100')), { tag: 0x2020, type: 13, values: [to(cameraSettings)] }), le, prefix);
}

// ---- Fujifilm RAF.

/** A RAF: the 148-byte header (big-endian JPEG offset at 84, length at 88), the JPEG, then CFA filler. */
export function makeRafWithPreview(options: { readonly previewJpeg: Uint8Array; readonly cameraName?: string }): Buffer {
  const header = Buffer.alloc(148);
  header.write('FUJIFILMCCD-RAW 0201FF383501', 0, 'latin1');
  header.write(options.cameraName ?? 'X-T3', 28, 'latin1');
  header.write('0100', 60, 'latin1');
  const cfa = Buffer.alloc(4096, 0x33);
  const jpegEnd = 148 + options.previewJpeg.length;
  header.writeUInt32BE(148, 84);
  header.writeUInt32BE(options.previewJpeg.length, 88);
  header.writeUInt32BE(jpegEnd, 92); // CFA header offset and length
  header.writeUInt32BE(0, 96);
  header.writeUInt32BE(jpegEnd, 100); // CFA offset and length
  header.writeUInt32BE(cfa.length, 104);
  return Buffer.concat([header, options.previewJpeg, cfa]);
}

// ---- Canon CR3.

const CANON_METADATA_UUID = Buffer.from('85c0b687820f11e08111f4ce462b6a48', 'hex');
const CANON_PREVIEW_UUID = Buffer.from('eaf42b5e1c984b88b9fbb7dc406e4d16', 'hex');

const u16be = (v: number): Buffer => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
const u32be = (v: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
const u64be = (v: number): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(v)); return b; };
function box(type: string, ...parts: Uint8Array[]): Buffer {
  const payload = Buffer.concat(parts);
  return Buffer.concat([u32be(8 + payload.length), Buffer.from(type, 'latin1'), payload]);
}

/** One track whose single sample sits at `offset` in mdat (stsz + co64, as Canon writes them). */
function track(offset: number, length: number): Buffer {
  const stsz = box('stsz', u32be(0), u32be(0), u32be(1), u32be(length));
  const co64 = box('co64', u32be(0), u32be(1), u64be(offset));
  const stbl = box('stbl', box('stsd', u32be(0), u32be(0)), stsz, co64);
  return box('trak', box('tkhd', Buffer.alloc(84)), box('mdia', box('minf', stbl)));
}

export interface Cr3Options {
  /** PRVW's preview (Canon writes 1620×1080). */
  readonly previewJpeg: Uint8Array;
  /** THMB's thumbnail (160×120). */
  readonly thumbJpeg?: Uint8Array;
  /** Track 1's full-size JPEG in mdat; absent, track 1 is left out. */
  readonly fullJpeg?: Uint8Array;
  /** CMT1's (IFD0's) Orientation, written when given. */
  readonly orientation?: number;
}

/**
 * A CR3: ftyp "crx ", moov (Canon's metadata uuid with CNCV, CMT1 and THMB, then tracks: the
 * full-size JPEG when given, and the raw), Canon's preview uuid with PRVW, then mdat.
 */
export async function makeCr3WithPreview(options: Cr3Options): Promise<Buffer> {
  const ftyp = box('ftyp', Buffer.from('crx ', 'latin1'), u32be(1), Buffer.from('crx isom', 'latin1'));
  const orientation = options.orientation === undefined ? [] : [short(0x0112, options.orientation)];
  const cmt1 = box('CMT1', writeTiff(ifd(bytes(0x010f, 2, 'Canon'), ...orientation), true, tiffPrefix(true, 0x2a)));
  const jpegBox = async (type: string, jpeg: Uint8Array, head: Buffer): Promise<Buffer> => {
    const { width, height } = await sizeOf(jpeg);
    return box(type, head, u16be(width), u16be(height), type === 'THMB' ? Buffer.concat([u32be(jpeg.length), u16be(1), u16be(0)]) : Buffer.concat([u16be(1), u32be(jpeg.length)]), jpeg);
  };
  const thmb = options.thumbJpeg ? [await jpegBox('THMB', options.thumbJpeg, u32be(0))] : [];
  const prvw = await jpegBox('PRVW', options.previewJpeg, Buffer.concat([u32be(0), u16be(1)]));
  const previewUuid = box('uuid', CANON_PREVIEW_UUID, Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), prvw);
  const raw = Buffer.alloc(4096, 0x77);
  const full = options.fullJpeg ?? new Uint8Array(0);
  const moov = (mdatPayload: number): Buffer => box('moov',
    box('uuid', CANON_METADATA_UUID, box('CNCV', Buffer.from('CanonCR3_001/00.10.00/00.00.00', 'latin1')), cmt1, ...thmb),
    ...(options.fullJpeg ? [track(mdatPayload, full.length)] : []),
    track(mdatPayload + full.length, raw.length));
  // moov's size does not depend on the offsets in it: lay out once to learn where mdat starts.
  const mdatPayload = ftyp.length + moov(0).length + previewUuid.length + 8;
  return Buffer.concat([ftyp, moov(mdatPayload), previewUuid, box('mdat', full, raw)]);
}
