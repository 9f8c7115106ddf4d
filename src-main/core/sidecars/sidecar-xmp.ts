/**
 * What an XMP sidecar says about its photo, and how Keepsake writes its own fields into one.
 *
 * Keepsake owns: xmp:Rating, xmp:Label, dc:description (the caption), dc:subject and
 * lr:hierarchicalSubject (albums and keywords), and the face regions of mwg-rs:Regions. A write
 * touches only those of them whose value changes; everything else in the file — another app's
 * tags, other region types, other languages of a caption, the layout — is left byte for byte (see
 * xmp-source.ts). A changed attribute (`xmp:Rating="1"`, as Photoshop writes it) is changed where it
 * is; a changed element is moved into the one rdf:Description Keepsake keeps for itself.
 */
import type { Attr, Element } from '@xmldom/xmldom';
import { exifDateToIso } from '../metadata/capture-date.ts';
import { newPacket } from './new-packet.ts';
import { Builder, INDENT, isBlock } from './xmp-builder.ts';
import { xmlSafeWrite } from './xml-chars.ts';
import { NS } from './xmp-namespaces.ts';
import { fieldKey, RdfGraph, type RdfField, type RdfProperty } from './xmp-rdf.ts';
import { applySplices, escapeAttribute, parseXmp, serialize, XmpError, XmpSource, type Splice } from './xmp-source.ts';

export { XmpError };

/** A face region: a box in the image's own 0–1 coordinates (top-left corner, size), and who it is. */
export interface SidecarFace {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly name: string | null;
}

/** Everything Keepsake reads from a sidecar. */
export interface SidecarXmp {
  /** 0–5; null when absent or not a star rating (-1 is "rejected"). */
  readonly rating: number | null;
  /** Colour label (xmp:Label: "Red", "Yellow", "Green", "Blue", "Purple", or an app's own word). */
  readonly label: string | null;
  /** dc:description's x-default (else first) text. */
  readonly caption: string | null;
  readonly title: string | null;
  /** dc:subject keywords, in file order. */
  readonly subjects: readonly string[];
  /** lr:hierarchicalSubject, e.g. "Keepsake|Albums|Summer" or Lightroom's "Places|Paris". */
  readonly hierarchical: readonly string[];
  /** MWG face regions. */
  readonly faces: readonly SidecarFace[];
  readonly capturedAt: string | null;
}

/** What a write leaves in the file for the fields Keepsake owns. */
export interface SidecarWrite {
  /** null: the file's rating (or its absence) is left as it is. */
  readonly rating: number | null;
  /** '' : no label. */
  readonly label: string;
  /** '' : no caption. */
  readonly caption: string;
  /** The whole dc:subject list. */
  readonly subjects: readonly string[];
  /** The whole lr:hierarchicalSubject list. */
  readonly hierarchical: readonly string[];
  /** Every face region (regions of other types are kept as they are). */
  readonly faces: readonly SidecarFace[];
  /** The image's pixel size, for mwg-rs:AppliedToDimensions when the file has none yet. */
  readonly dimensions: { readonly width: number; readonly height: number } | null;
}

/** Two face lists the same, to the precision a sidecar keeps. */
export function sameFaces(a: readonly SidecarFace[], b: readonly SidecarFace[]): boolean {
  return a.length === b.length && a.every((face, i) => sameFace(face, b[i] as SidecarFace));
}

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;
const sameFace = (a: SidecarFace, b: SidecarFace): boolean => close(a.x, b.x) && close(a.y, b.y) && close(a.w, b.w) && close(a.h, b.h) && (a.name ?? null) === (b.name ?? null);
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

/** Reads a sidecar's text; throws XmpError when it is not XMP. */
export function readSidecarXmp(text: string): SidecarXmp {
  return readFields(new RdfGraph(parseXmp(text)));
}

function readFields(graph: RdfGraph): SidecarXmp {
  const first = (ns: string, local: string): string | null => {
    for (const property of graph.properties(ns, local)) {
      const value = graph.text(property);
      if (value !== null) return value;
    }
    return null;
  };
  const list = (ns: string, local: string): string[] => graph.properties(ns, local).flatMap((property) => graph.texts(property));
  const rawRating = first(NS.xmp, 'Rating');
  const rating = rawRating === null || rawRating.trim() === '' ? Number.NaN : Number(rawRating);
  const date = first(NS.exif, 'DateTimeOriginal') ?? first(NS.photoshop, 'DateCreated');
  const nonEmpty = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value);
  return {
    rating: Number.isInteger(rating) && rating >= 0 && rating <= 5 ? rating : null,
    label: nonEmpty(first(NS.xmp, 'Label')),
    caption: nonEmpty(first(NS.dc, 'description')),
    title: nonEmpty(first(NS.dc, 'title')),
    subjects: list(NS.dc, 'subject').filter((value) => value.trim() !== ''),
    hierarchical: list(NS.lr, 'hierarchicalSubject').filter((value) => value.trim() !== ''),
    faces: readFaces(graph),
    capturedAt: date === null ? null : /^\d{4}-\d{2}-\d{2}T/.test(date) ? date.slice(0, 25) : exifDateToIso(date),
  };
}

/** A region list item, read: a face (with its box) or another kind of region. */
type RegionItem = { readonly li: Element; readonly face: SidecarFace | null };

function numberOf(graph: RdfGraph, field: RdfField | undefined): number | null {
  if (field === undefined) return null;
  const text = graph.text(field);
  const value = text === null || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The items of one mwg-rs:Regions, and its AppliedToDimensions element. */
function readRegions(graph: RdfGraph, regions: Element): { items: RegionItem[]; dimensions: Element | null; size: { w: number; h: number } | null } {
  const fields = graph.fields(regions);
  const dims = fields.get(fieldKey(NS.mwgRs, 'AppliedToDimensions'));
  const dimsElement = dims !== undefined && 'element' in dims ? dims.element : null;
  let size: { w: number; h: number } | null = null;
  if (dimsElement !== null) {
    const d = graph.fields(dimsElement);
    const w = numberOf(graph, d.get(fieldKey(NS.stDim, 'w')));
    const h = numberOf(graph, d.get(fieldKey(NS.stDim, 'h')));
    if (w !== null && h !== null && w > 0 && h > 0) size = { w, h };
  }
  const list = fields.get(fieldKey(NS.mwgRs, 'RegionList'));
  const items: RegionItem[] = [];
  if (list !== undefined && 'element' in list) {
    for (const li of graph.items(list.element)) items.push({ li, face: faceOf(graph, li, size) });
  }
  return { items, dimensions: dimsElement, size };
}

/** A region item as a face, or null when it is another kind of region (or a box Keepsake cannot place). */
function faceOf(graph: RdfGraph, li: Element, size: { w: number; h: number } | null): SidecarFace | null {
  const fields = graph.fields(li);
  const typeField = fields.get(fieldKey(NS.mwgRs, 'Type'));
  const type = typeField === undefined ? null : graph.text(typeField);
  if (type !== null && type !== 'Face') return null;
  const areaField = fields.get(fieldKey(NS.mwgRs, 'Area'));
  if (areaField === undefined || !('element' in areaField)) return null;
  const area = graph.fields(areaField.element);
  const unitField = area.get(fieldKey(NS.stArea, 'unit'));
  const unit = unitField === undefined ? 'normalized' : graph.text(unitField);
  let [cx, cy, w, h] = (['x', 'y', 'w', 'h'] as const).map((key) => numberOf(graph, area.get(fieldKey(NS.stArea, key))));
  if (cx == null || cy == null || w == null || h == null) return null;
  if (unit === 'pixel') {
    if (size === null) return null;
    [cx, w] = [cx / size.w, w / size.w];
    [cy, h] = [cy / size.h, h / size.h];
  } else if (unit !== 'normalized') return null;
  // MWG areas are given by their centre.
  const box = { x: cx - w / 2, y: cy - h / 2, w, h };
  const slack = 1e-6;
  if (!(box.w > 0 && box.h > 0 && box.x >= -slack && box.y >= -slack && box.x + box.w <= 1 + slack && box.y + box.h <= 1 + slack)) return null;
  const nameField = fields.get(fieldKey(NS.mwgRs, 'Name'));
  const name = nameField === undefined ? null : graph.text(nameField);
  return { x: Math.max(0, box.x), y: Math.max(0, box.y), w: box.w, h: box.h, name: name === null || name.trim() === '' ? null : name };
}

function readFaces(graph: RdfGraph): SidecarFace[] {
  return graph
    .properties(NS.mwgRs, 'Regions')
    .flatMap((property) => (property.kind === 'element' ? readRegions(graph, property.element).items : []))
    .flatMap((item) => (item.face === null ? [] : [item.face]));
}

/**
 * The edits one write makes to an existing packet: splices into the original text for the other
 * apps' blocks, DOM changes inside Keepsake's own block (re-serialized whole: it is Keepsake's).
 */
class Edits {
  readonly source: XmpSource;
  readonly graph: RdfGraph;
  readonly build: Builder;
  readonly splices: Splice[] = [];
  /** Keepsake's block as it was parsed, with its range taken before anything changes in the DOM. */
  readonly block: { element: Element; start: number; end: number } | null;
  readonly added: Element[] = [];
  readonly #removedInBlock: (Element | { owner: Element; attr: Attr })[] = [];
  readonly #removedNodes = new Set<Element>();
  #blockAttributeSet = false;

  constructor(source: XmpSource, graph: RdfGraph) {
    this.source = source;
    this.graph = graph;
    this.build = new Builder(source.doc);
    const element = graph.descriptions.find(isBlock);
    this.block = element === undefined ? null : { element, ...source.rangeWithLeadingSpace(element) };
  }

  #inBlock(property: RdfProperty): boolean {
    return this.block !== null && property.description === this.block.element;
  }

  /** Removes a property wherever it is (and a top-level node it alone referred to by rdf:nodeID). */
  remove(property: RdfProperty): void {
    if (this.#inBlock(property)) {
      this.#removedInBlock.push(property.kind === 'attribute' ? { owner: property.description, attr: property.attr } : property.element);
      return;
    }
    if (property.kind === 'attribute') {
      const range = this.source.attributeRange(property.attr);
      this.splices.push({ start: range.start, end: range.end, text: '' });
      return;
    }
    this.splices.push({ ...this.source.rangeWithLeadingSpace(property.element), text: '' });
    this.#removeReferenced(property.element);
  }

  #removeReferenced(element: Element): void {
    const id = element.getAttributeNS(NS.rdf, 'nodeID');
    if (!id || element.hasChildNodes()) return;
    const target = this.graph.nodeById(id);
    if (target === undefined || target === element || target === this.block?.element || this.#removedNodes.has(target)) return;
    const references = Array.from(this.source.doc.getElementsByTagNameNS('*', '*')).filter((other) => other !== target && other.getAttributeNS(NS.rdf, 'nodeID') === id);
    if (references.length > 1) return; // another property still refers to it
    this.#removedNodes.add(target);
    this.splices.push({ ...this.source.rangeWithLeadingSpace(target), text: '' });
  }

  /** Sets a simple property's value in place when it is an attribute outside Keepsake's block. */
  replaceAttribute(property: RdfProperty & { kind: 'attribute' }, value: string): void {
    if (this.#inBlock(property)) {
      property.description.setAttributeNS(property.attr.namespaceURI, property.attr.name, value);
      this.#blockAttributeSet = true;
      return;
    }
    const range = this.source.attributeRange(property.attr);
    this.splices.push({ start: range.nameStart, end: range.end, text: `${property.attr.name}="${escapeAttribute(value)}"` });
  }

  /** The packet's text with every edit made. */
  finish(): string {
    const changedBlock = this.added.length > 0 || this.#removedInBlock.length > 0 || this.#blockAttributeSet;
    if (changedBlock) {
      const block = this.block?.element ?? this.build.block(this.graph.descriptions[0]?.getAttributeNS(NS.rdf, 'about') || '');
      for (const removed of this.#removedInBlock) {
        if ('attr' in removed) removed.owner.removeAttributeNode(removed.attr);
        else block.removeChild(removed);
      }
      for (const element of this.added) block.appendChild(element);
      const depth = this.#blockDepth();
      this.build.indent(block, depth);
      const text = `\n${INDENT.repeat(depth)}${this.#serializeInRdf(block)}`;
      if (this.block !== null) this.splices.push({ start: this.block.start, end: this.block.end, text });
      else this.splices.push({ start: this.#newBlockAt(), end: this.#newBlockAt(), text });
    }
    return applySplices(this.source.text, this.splices);
  }

  /**
   * The block's text as it reads inside rdf:RDF: serialized within a copy of that element, so that
   * the namespaces declared there (rdf: itself) are not declared again on the block.
   */
  #serializeInRdf(block: Element): string {
    const wrapper = this.graph.rdf.cloneNode(false) as Element;
    wrapper.appendChild(block);
    const xml = serialize(wrapper);
    return xml.slice(xml.indexOf('>') + 1, xml.lastIndexOf('</'));
  }

  /** Where a new block goes: last in rdf:RDF, before the white space that precedes its end tag. */
  #newBlockAt(): number {
    const last = this.graph.rdf.lastChild;
    if (last === null) throw new XmpError('an empty rdf:RDF element');
    return last.nodeType === 3 && /^\s*$/.test(last.nodeValue ?? '') ? this.source.start(last) : this.source.end(last);
  }

  /** How deep the top-level descriptions are indented (by the white space before the first one). */
  #blockDepth(): number {
    const first = this.graph.descriptions[0];
    const before = first?.previousSibling;
    if (before != null && before.nodeType === 3) {
      const lines = (before.nodeValue ?? '').split(/\r\n?|\n/);
      if (lines.length > 1) return (lines.at(-1) as string).length;
    }
    return 2;
  }
}

/**
 * Writes Keepsake's fields into a sidecar's text (`existing`), or into a new packet when there is
 * none; throws XmpError when the existing text is not XMP (it is then left as it is).
 */
export function writeSidecarXmp(existing: string | null, given: SidecarWrite): string {
  // The one door values come in by, for a new packet and a merge alike: what XML cannot hold stays out.
  const wanted = xmlSafeWrite(given);
  if (existing === null) return newPacket(wanted);
  const source = new XmpSource(existing);
  const graph = new RdfGraph(source.doc);
  const current = readFields(graph);
  const edits = new Edits(source, graph);
  const { build } = edits;

  const setSimple = (ns: string, local: string, qname: string, value: string | null): void => {
    const found = graph.properties(ns, local);
    const inPlace = value === null ? undefined : found.find((p): p is RdfProperty & { kind: 'attribute' } => p.kind === 'attribute');
    for (const property of found) if (property !== inPlace) edits.remove(property);
    if (inPlace !== undefined) edits.replaceAttribute(inPlace, value as string);
    else if (value !== null) edits.added.push(build.element(ns, qname, [], value));
  };

  if (wanted.rating !== null && current.rating !== wanted.rating) setSimple(NS.xmp, 'Rating', 'xmp:Rating', String(wanted.rating));
  if ((current.label ?? '') !== wanted.label) setSimple(NS.xmp, 'Label', 'xmp:Label', wanted.label === '' ? null : wanted.label);
  if ((current.caption ?? '') !== wanted.caption) {
    const found = graph.properties(NS.dc, 'description');
    // Other languages of the caption stay, unless they only repeated the old default.
    const others: Element[] = [];
    const old = current.caption;
    const firstElement = found.find((p): p is RdfProperty & { kind: 'element' } => p.kind === 'element');
    if (firstElement !== undefined && wanted.caption !== '') {
      for (const li of graph.items(firstElement.element)) {
        const lang = li.getAttributeNS(NS.xml, 'lang');
        if (lang && lang !== 'x-default' && graph.text({ element: li }) !== old) others.push(li.cloneNode(true) as Element);
      }
    }
    for (const property of found) edits.remove(property);
    if (wanted.caption !== '') {
      const def = build.element(NS.rdf, 'rdf:li', [[NS.xml, 'xml:lang', 'x-default']], wanted.caption);
      edits.added.push(build.element(NS.dc, 'dc:description', [], [build.element(NS.rdf, 'rdf:Alt', [], [def, ...others])]));
    }
  }
  const setBag = (ns: string, local: string, qname: string, values: readonly string[], now: readonly string[]): void => {
    if (sameList(now, values)) return;
    for (const property of graph.properties(ns, local)) edits.remove(property);
    if (values.length > 0) edits.added.push(build.bag(ns, qname, values));
  };
  setBag(NS.dc, 'subject', 'dc:subject', wanted.subjects, current.subjects);
  setBag(NS.lr, 'hierarchicalSubject', 'lr:hierarchicalSubject', wanted.hierarchical, current.hierarchical);
  if (!sameFaces(current.faces, wanted.faces)) {
    const found = graph.properties(NS.mwgRs, 'Regions');
    const firstRegions = found.find((p): p is RdfProperty & { kind: 'element' } => p.kind === 'element');
    const read = firstRegions === undefined ? null : readRegions(graph, firstRegions.element);
    for (const property of found) edits.remove(property);
    const regions = regionsElement(build, read, wanted);
    if (regions !== null) edits.added.push(regions);
  }
  return edits.finish();
}

/** The new mwg-rs:Regions: the other kinds of regions as they were, then every face (an unchanged one as it was). */
function regionsElement(build: Builder, read: ReturnType<typeof readRegions> | null, wanted: SidecarWrite): Element | null {
  const kept = (read?.items ?? []).filter((item) => item.face === null).map((item) => item.li.cloneNode(true) as Element);
  const existingFaces = (read?.items ?? []).filter((item): item is RegionItem & { face: SidecarFace } => item.face !== null);
  const faces = wanted.faces.map((face) => {
    const same = existingFaces.find((item) => sameFace(item.face, face));
    return same !== undefined ? (same.li.cloneNode(true) as Element) : build.face(face);
  });
  if (kept.length === 0 && faces.length === 0) return null;
  const fields: Element[] = [];
  if (read?.dimensions != null) fields.push(read.dimensions.cloneNode(true) as Element);
  else if (wanted.dimensions !== null) {
    fields.push(build.element(NS.mwgRs, 'mwg-rs:AppliedToDimensions', [
      [NS.stDim, 'stDim:w', String(wanted.dimensions.width)],
      [NS.stDim, 'stDim:h', String(wanted.dimensions.height)],
      [NS.stDim, 'stDim:unit', 'pixel'],
    ]));
  }
  fields.push(build.element(NS.mwgRs, 'mwg-rs:RegionList', [], [build.element(NS.rdf, 'rdf:Bag', [], [...kept, ...faces])]));
  return build.element(NS.mwgRs, 'mwg-rs:Regions', [[NS.rdf, 'rdf:parseType', 'Resource']], fields);
}

