/**
 * Finds the largest embedded JPEG preview in a camera RAW file's bytes, the picture Lightroom and
 * digiKam show before (or instead of) developing the sensor data. exifr.thumbnail() only reaches
 * IFD1's ~160 px thumbnail; most RAWs also carry a 1–24 MP JPEG in a SubIFD, IFD0's strip, a
 * MakerNote, a CR3 box or behind a RAF header pointer.
 *
 * The bytes are untrusted (any file named .nef reaches us), so nothing here throws: every read is
 * bounds-checked, every loop has a cap, and all JPEG walking shares one byte budget.
 */

/** Where a JPEG sits inside a RAW's bytes, and its pixel size (from its SOF marker). */
export interface EmbeddedJpeg {
  readonly offset: number;
  readonly length: number;
  readonly width: number;
  readonly height: number;
}

/** A place a container says holds a JPEG; nothing is trusted until measureJpeg agrees. */
interface Candidate {
  readonly offset: number;
  readonly length: number;
}

/**
 * Bytes the JPEG walks may still cover in one search. A real file needs at most one pass (only a
 * candidate bigger than the best so far is walked to its end); hostile JPEG starts that all jump
 * into one endless scan would otherwise cost a pass each.
 */
interface Budget {
  left: number;
}

const MAX_IFDS = 64;
const MAX_IFD_ENTRIES = 1000;
const MAX_IFD_DEPTH = 6;
const MAX_SUB_IFDS = 32;
const MAX_BOXES = 256;
const MAX_JPEG_SEGMENTS = 4096;
const MAX_SCAN_HITS = 256;

// ---- Reading bytes: out of range gives -1, so callers test one value instead of catching.

function u16(d: Uint8Array, at: number, le: boolean): number {
  if (!(at >= 0 && at + 2 <= d.length)) return -1;
  return le ? d[at]! | (d[at + 1]! << 8) : (d[at]! << 8) | d[at + 1]!;
}

function u32(d: Uint8Array, at: number, le: boolean): number {
  if (!(at >= 0 && at + 4 <= d.length)) return -1;
  // Multiplying the top byte keeps the result unsigned (<< would make it negative).
  return le
    ? d[at + 3]! * 0x1000000 + ((d[at + 2]! << 16) | (d[at + 1]! << 8) | d[at]!)
    : d[at]! * 0x1000000 + ((d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!);
}

function ascii(d: Uint8Array, at: number, text: string): boolean {
  if (!(at >= 0 && at + text.length <= d.length)) return false;
  for (let i = 0; i < text.length; i++) if (d[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function hex(d: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let i = at; i < at + length && i < d.length; i++) text += d[i]!.toString(16).padStart(2, '0');
  return text;
}

// ---- JPEG validation.

/** SOF0/1/2 (baseline, extended, progressive) are what sharp decodes; SOF3 is lossless RAW sensor data. */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Skips entropy-coded scan data; returns the offset of the marker that ends it, or -1. */
function skipScanData(d: Uint8Array, from: number, budget: Budget): number {
  for (let p = from; ; ) {
    const ff = d.indexOf(0xff, p);
    if (ff < 0 || ff + 1 >= d.length) {
      budget.left -= d.length - p;
      return -1;
    }
    budget.left -= ff + 2 - p;
    if (budget.left < 0) return -1;
    const next = d[ff + 1]!;
    // FF00 is a stuffed data byte, FFD0–D7 restart markers, FFFF fill before a real marker.
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) p = ff + 2;
    else if (next === 0xff) p = ff + 1;
    else return ff;
  }
}

/**
 * The JPEG at `start` if its segments are well-formed up to an EOI before `end`, with the length
 * trimmed to that EOI (previews are often padded). A JPEG that never reaches its EOI is truncated,
 * which sharp refuses (failOn 'truncated'), so it is no preview. Returns null early, before walking
 * the scan data, when its frame has no more than `minPixels` pixels: it cannot win anyway.
 */
function measureJpeg(data: Uint8Array, start: number, end: number, minPixels: number, budget: Budget): EmbeddedJpeg | null {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > data.length || end - start < 4) return null;
  if (data[start] !== 0xff || data[start + 1] !== 0xd8) return null;
  const d = data.subarray(0, end);
  let width = 0;
  let height = 0;
  let quantTables = false;
  let scanned = false;
  let p = start + 2;
  for (let segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
    if (d[p] !== 0xff) return null;
    while (d[p] === 0xff) p++;
    const marker = d[p++];
    if (marker === undefined || marker === 0x00 || marker === 0xd8) return null;
    if (marker === 0xd9) return scanned ? { offset: start, length: p - start, width, height } : null;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    const length = u16(d, p, false);
    if (length < 2 || p + length > end) return null;
    if (isFrameMarker(marker)) {
      if (marker > 0xc2 || width > 0 || length < 8) return null;
      height = u16(d, p + 3, false);
      width = u16(d, p + 5, false);
      if (width <= 0 || height <= 0 || width * height <= minPixels) return null;
    }
    if (marker === 0xdb) quantTables = true;
    p += length;
    if (marker === 0xda) {
      // No DQT: an abbreviated stream (a TIFF strip relying on its JPEGTables tag) no decoder reads alone.
      if (width === 0 || !quantTables) return null;
      p = skipScanData(d, p, budget);
      if (p < 0) return null;
      scanned = true;
    }
  }
  return null;
}

// ---- TIFF-based RAWs (CR2, NEF, ARW, DNG, PEF, ORF, RW2, SRW, ERF, 3FR, IIQ …).

/** A TIFF structure: its pointers count from `base` (a MakerNote may have its own). */
interface Tiff {
  readonly data: Uint8Array;
  readonly le: boolean;
  readonly base: number;
}

/** What an IFD's tags mean depends on where it hangs: 0x0101 is ImageLength in IFD0, a preview start in Olympus's. */
type IfdKind = 'image' | 'exif' | 'olympus' | 'olympusCamera' | 'nikon';

interface Walk {
  readonly candidates: Candidate[];
  readonly visited: Set<number>;
}

/** TIFF 42, Olympus ORF "RO" and "RS", Panasonic RW2 0x55. */
const TIFF_MAGICS: ReadonlySet<number> = new Set([0x2a, 0x4f52, 0x5352, 0x55]);

function readTiffHeader(d: Uint8Array, at: number): (Tiff & { readonly ifd0: number }) | null {
  const le = ascii(d, at, 'II') ? true : ascii(d, at, 'MM') ? false : null;
  if (le === null || !TIFF_MAGICS.has(u16(d, at + 2, le))) return null;
  const ifd0 = u32(d, at + 4, le);
  return ifd0 >= 8 ? { data: d, le, base: at, ifd0: at + ifd0 } : null;
}

/** An entry's values (SHORT, LONG or IFD), at most `max` of them; [] for other types or bad offsets. */
function entryValues(t: Tiff, entry: number, max: number): number[] {
  const type = u16(t.data, entry + 2, t.le);
  const count = u32(t.data, entry + 4, t.le);
  const size = type === 3 ? 2 : type === 4 || type === 13 ? 4 : 0;
  if (size === 0 || count <= 0) return [];
  const at = count * size <= 4 ? entry + 8 : t.base + u32(t.data, entry + 8, t.le);
  const values: number[] = [];
  for (let i = 0; i < Math.min(count, max); i++) {
    const value = size === 2 ? u16(t.data, at + 2 * i, t.le) : u32(t.data, at + 4 * i, t.le);
    if (value < 0) break;
    values.push(value);
  }
  return values;
}

/** The entry's only value, or -1 when it has none or several (a multi-strip image is no single JPEG). */
function singleValue(t: Tiff, entry: number | undefined): number {
  if (entry === undefined || u32(t.data, entry + 4, t.le) !== 1) return -1;
  return entryValues(t, entry, 1)[0] ?? -1;
}

/** Entry positions by tag (the first of duplicates), or null when the IFD is out of range or implausible. */
function readIfd(t: Tiff, at: number): { readonly count: number; readonly entries: Map<number, number> } | null {
  const count = u16(t.data, at, t.le);
  if (count <= 0 || count > MAX_IFD_ENTRIES || at + 2 + 12 * count > t.data.length) return null;
  const entries = new Map<number, number>();
  for (let i = count - 1; i >= 0; i--) entries.set(u16(t.data, at + 2 + 12 * i, t.le), at + 2 + 12 * i);
  return { count, entries };
}

function addPair(t: Tiff, walk: Walk, offsetEntry: number | undefined, lengthEntry: number | undefined): void {
  const offset = singleValue(t, offsetEntry);
  const length = singleValue(t, lengthEntry);
  if (offset > 0 && length > 0) walk.candidates.push({ offset: t.base + offset, length });
}

/** Walks an IFD and, for image IFDs, the chain after it (IFD0 → IFD1 …); a visited set stops loops. */
function walkIfd(t: Tiff, start: number, kind: IfdKind, walk: Walk, depth: number): void {
  for (let at = start; at > t.base && depth <= MAX_IFD_DEPTH; ) {
    if (walk.visited.has(at) || walk.visited.size >= MAX_IFDS) return;
    walk.visited.add(at);
    const ifd = readIfd(t, at);
    if (ifd === null) return;
    visitEntries(t, ifd.entries, kind, walk, depth);
    if (kind !== 'image') return;
    const next = u32(t.data, at + 2 + 12 * ifd.count, t.le);
    at = next > 0 ? t.base + next : -1;
  }
}

function visitEntries(t: Tiff, entries: Map<number, number>, kind: IfdKind, walk: Walk, depth: number): void {
  const pointer = (tag: number): number => {
    const value = singleValue(t, entries.get(tag));
    return value > 0 ? t.base + value : -1;
  };
  switch (kind) {
    case 'image': {
      addPair(t, walk, entries.get(0x0201), entries.get(0x0202)); // JPEGInterchangeFormat / Length
      const compression = singleValue(t, entries.get(0x0103));
      if (compression === 6 || compression === 7) {
        addPair(t, walk, entries.get(0x0111), entries.get(0x0117)); // StripOffsets / StripByteCounts
        addPair(t, walk, entries.get(0x0144), entries.get(0x0145)); // TileOffsets / TileByteCounts
      }
      const jpgFromRaw = entries.get(0x002e); // Panasonic RW2: the JPEG is the tag's own (UNDEFINED) value
      if (jpgFromRaw !== undefined && u16(t.data, jpgFromRaw + 2, t.le) === 7) {
        const length = u32(t.data, jpgFromRaw + 4, t.le);
        if (length > 4) walk.candidates.push({ offset: t.base + u32(t.data, jpgFromRaw + 8, t.le), length });
      }
      const subIfds = entries.get(0x014a);
      if (subIfds !== undefined) {
        for (const sub of entryValues(t, subIfds, MAX_SUB_IFDS)) walkIfd(t, t.base + sub, 'image', walk, depth + 1);
      }
      walkIfd(t, pointer(0x8769), 'exif', walk, depth + 1);
      return;
    }
    case 'exif': {
      const makerNote = entries.get(0x927c);
      if (makerNote !== undefined) walkMakerNote(t, makerNote, walk, depth + 1);
      return;
    }
    case 'olympus': { // CameraSettings holds ORF's only big preview; older bodies type its pointer UNDEFINED.
      const settings = entries.get(0x2020);
      const undefinedType = settings !== undefined && u16(t.data, settings + 2, t.le) === 7;
      const at = undefinedType ? t.base + u32(t.data, settings + 8, t.le) : pointer(0x2020);
      walkIfd(t, at, 'olympusCamera', walk, depth + 1);
      return;
    }
    case 'olympusCamera':
      addPair(t, walk, entries.get(0x0101), entries.get(0x0102)); // PreviewImageStart / Length
      return;
    case 'nikon': // PreviewIFD: standard JPEGInterchangeFormat tags.
      walkIfd(t, pointer(0x0011), 'image', walk, depth + 1);
  }
}

/**
 * Only MakerNotes whose layout is self-describing are read: Olympus/OM System (ORF's big preview
 * lives nowhere else) and Nikon type 3 (its PreviewIFD). Others are proprietary and vary by model;
 * their cameras (Sony, Canon, Panasonic, newer Pentax) put the big preview in the main IFDs anyway.
 */
function walkMakerNote(t: Tiff, entry: number, walk: Walk, depth: number): void {
  const d = t.data;
  const start = t.base + u32(d, entry + 8, t.le);
  if (u32(d, entry + 4, t.le) < 16 || start <= t.base) return;
  const olympusHeader = ascii(d, start, 'OLYMPUS\0') ? 12 : ascii(d, start, 'OM SYSTEM\0') ? 16 : 0;
  if (olympusHeader > 0) {
    // Byte order mark just before the IFD; pointers count from the MakerNote's first byte.
    const order = start + olympusHeader - 4;
    const le = ascii(d, order, 'II') ? true : ascii(d, order, 'MM') ? false : null;
    if (le !== null) walkIfd({ data: d, le, base: start }, start + olympusHeader, 'olympus', walk, depth);
  } else if (ascii(d, start, 'Nikon\0')) {
    const inner = readTiffHeader(d, start + 10); // Nikon type 3 embeds a whole TIFF header
    if (inner !== null) walkIfd(inner, inner.ifd0, 'nikon', walk, depth);
  }
}

function tiffCandidates(d: Uint8Array): Candidate[] {
  const tiff = readTiffHeader(d, 0);
  if (tiff === null) return [];
  const walk: Walk = { candidates: [], visited: new Set() };
  walkIfd(tiff, tiff.ifd0, 'image', walk, 0);
  return walk.candidates;
}

// ---- Fujifilm RAF.

function rafCandidates(d: Uint8Array): Candidate[] {
  if (!ascii(d, 0, 'FUJIFILMCCD-RAW ')) return [];
  return [{ offset: u32(d, 84, false), length: u32(d, 88, false) }];
}

// ---- Canon CR3 (ISO base media file format).

/** Canon's uuid box holding CMT1–4 (TIFF metadata) and THMB, inside moov. */
const CANON_METADATA_UUID = '85c0b687820f11e08111f4ce462b6a48';
/** Canon's top-level uuid box holding the PRVW preview (after 8 bytes of its own). */
const CANON_PREVIEW_UUID = 'eaf42b5e1c984b88b9fbb7dc406e4d16';

interface Box {
  readonly type: string;
  readonly start: number;
  readonly payload: number;
  readonly end: number;
}

/** Boxes in [from, to); one that claims to run past its container is cut to it (truncated files). */
function readBoxes(d: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  for (let p = from; p + 8 <= to && boxes.length < MAX_BOXES; ) {
    let size = u32(d, p, false);
    let header = 8;
    if (size === 1) {
      size = u32(d, p + 8, false) * 2 ** 32 + u32(d, p + 12, false);
      header = 16;
    } else if (size === 0) size = to - p;
    if (size < header) break;
    const end = Math.min(p + size, to);
    boxes.push({ type: String.fromCharCode(d[p + 4]!, d[p + 5]!, d[p + 6]!, d[p + 7]!), start: p, payload: p + header, end });
    p = end;
  }
  return boxes;
}

const child = (d: Uint8Array, box: Box | undefined, type: string): Box | undefined =>
  box && readBoxes(d, box.payload, box.end).find((b) => b.type === type);

/** PRVW and THMB both put their JPEG 24 bytes into the box, after size, type and a 16-byte header. */
const boxJpeg = (box: Box): Candidate => ({ offset: box.start + 24, length: box.end - box.start - 24 });

/** A track's first sample: in a CR3, track 1 is a full-size JPEG in mdat. */
function firstSample(d: Uint8Array, trak: Box): Candidate | null {
  const stbl = child(d, child(d, child(d, trak, 'mdia'), 'minf'), 'stbl');
  const stsz = child(d, stbl, 'stsz');
  const co64 = child(d, stbl, 'co64');
  const stco = child(d, stbl, 'stco');
  if (stsz === undefined || (co64 === undefined && stco === undefined)) return null;
  const size = u32(d, stsz.payload + 4, false) || u32(d, stsz.payload + 12, false);
  const offset = co64 !== undefined
    ? u32(d, co64.payload + 8, false) * 2 ** 32 + u32(d, co64.payload + 12, false)
    : u32(d, stco!.payload + 8, false);
  return size > 0 && offset > 0 ? { offset, length: size } : null;
}

function isCr3(d: Uint8Array): boolean {
  return ascii(d, 4, 'ftyp') && ascii(d, 8, 'crx ');
}

function cr3Candidates(d: Uint8Array): Candidate[] {
  if (!isCr3(d)) return [];
  const candidates: Candidate[] = [];
  for (const top of readBoxes(d, 0, d.length)) {
    if (top.type === 'moov') {
      for (const box of readBoxes(d, top.payload, top.end)) {
        if (box.type === 'uuid' && hex(d, box.payload, 16) === CANON_METADATA_UUID) {
          for (const b of readBoxes(d, box.payload + 16, box.end)) if (b.type === 'THMB') candidates.push(boxJpeg(b));
        } else if (box.type === 'trak') {
          const sample = firstSample(d, box);
          if (sample !== null) candidates.push(sample);
        }
      }
    } else if (top.type === 'uuid' && hex(d, top.payload, 16) === CANON_PREVIEW_UUID) {
      for (const b of readBoxes(d, top.payload + 24, top.end)) if (b.type === 'PRVW') candidates.push(boxJpeg(b));
    }
  }
  return candidates;
}

/** CR3's IFD0 is the TIFF in CMT1, inside Canon's metadata uuid box. */
function cr3Tiff(d: Uint8Array): ReturnType<typeof readTiffHeader> {
  if (!isCr3(d)) return null;
  const moov = readBoxes(d, 0, d.length).find((b) => b.type === 'moov');
  const meta = moov && readBoxes(d, moov.payload, moov.end).find((b) => b.type === 'uuid' && hex(d, b.payload, 16) === CANON_METADATA_UUID);
  const cmt1 = meta && readBoxes(d, meta.payload + 16, meta.end).find((b) => b.type === 'CMT1');
  return cmt1 ? readTiffHeader(d, cmt1.payload) : null;
}

/** A RAF has no TIFF at its start: its orientation is in its preview's own EXIF (APP1). */
function rafTiff(d: Uint8Array): ReturnType<typeof readTiffHeader> {
  if (!ascii(d, 0, 'FUJIFILMCCD-RAW ')) return null;
  const start = u32(d, 84, false);
  if (d[start] !== 0xff || d[start + 1] !== 0xd8) return null;
  for (let p = start + 2, segment = 0; segment < 16 && d[p] === 0xff; segment++) {
    const length = u16(d, p + 2, false);
    if (d[p + 1] === 0xe1 && ascii(d, p + 4, 'Exif\0\0')) return readTiffHeader(d, p + 10);
    if (length < 2 || d[p + 1] === 0xda) return null;
    p += 2 + length;
  }
  return null;
}

// ---- The search.

/** The last resort for containers not parsed above (CRW, X3F, MRW, truncated files): FF D8 FF hits, each validated. */
function scanForJpeg(d: Uint8Array, budget: Budget): EmbeddedJpeg | null {
  let best: EmbeddedJpeg | null = null;
  let hits = 0;
  for (let p = d.indexOf(0xff); p >= 0 && hits < MAX_SCAN_HITS && budget.left > 0; ) {
    if (d[p + 1] === 0xd8 && d[p + 2] === 0xff) {
      hits++;
      const found = measureJpeg(d, p, d.length, 0, budget);
      if (found !== null) {
        if (best === null || found.width * found.height > best.width * best.height) best = found;
        // A JPEG's own EXIF thumbnail sits inside it and is smaller: go on after its end.
        p = d.indexOf(0xff, p + found.length);
        continue;
      }
    }
    p = d.indexOf(0xff, p + 1);
  }
  return best;
}

/** The largest (by pixel count) embedded JPEG that validates, or null. Never throws on any input. */
export function findLargestEmbeddedJpeg(data: Uint8Array): EmbeddedJpeg | null {
  try {
    const budget: Budget = { left: data.length + (16 << 20) };
    const candidates = [...tiffCandidates(data), ...rafCandidates(data), ...cr3Candidates(data)];
    const tried = new Set<string>();
    let best: EmbeddedJpeg | null = null;
    for (const { offset, length } of candidates) {
      const key = `${offset}:${length}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const found = measureJpeg(data, offset, offset + length, best === null ? 0 : best.width * best.height, budget);
      if (found !== null) best = found;
    }
    return best ?? scanForJpeg(data, budget);
  } catch {
    return null;
  }
}

/**
 * IFD0's Orientation (1–8) of a TIFF-based RAW, a CR3 (its CMT1) or a RAF (its preview's EXIF);
 * 1 when absent or not such a file. The RAW's orientation applies to its preview, which usually
 * carries no EXIF of its own.
 */
export function readTiffOrientation(data: Uint8Array): number {
  try {
    const tiff = readTiffHeader(data, 0) ?? cr3Tiff(data) ?? rafTiff(data);
    if (tiff === null) return 1;
    const value = singleValue(tiff, readIfd(tiff, tiff.ifd0)?.entries.get(0x0112));
    return value >= 1 && value <= 8 ? value : 1;
  } catch {
    return 1;
  }
}
