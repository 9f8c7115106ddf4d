/**
 * A sidecar written from nothing (a photo that has none yet): the usual xpacket wrapper around one
 * rdf:Description of Keepsake's fields, built with xmldom from a template per shape of values.
 */
import { DOMImplementation, type Element } from '@xmldom/xmldom';
import type { SidecarFace, SidecarWrite } from './sidecar-xmp.ts';
import { Builder, formatNumber } from './xmp-builder.ts';
import { NS } from './xmp-namespaces.ts';
import { serialize } from './xmp-source.ts';

/** Where a value goes in a template: a text node's whole text, or an attribute's whole value. */
interface Slot {
  readonly kind: 'text' | 'attribute';
  readonly value: (wanted: SidecarWrite) => string;
  /** Puts a value into the template's DOM. */
  readonly set: (value: string) => void;
}

/** A new packet's DOM for one shape of values (which fields, how many entries), and the slots its values go into. */
interface PacketTemplate {
  readonly root: Element;
  readonly begin: string;
  readonly end: string;
  readonly slots: readonly Slot[];
  /** xmldom's own serialization of the template, cut at its slots: literal text, slot index, literal text, … */
  readonly compiled: readonly (string | number)[];
}

/** Shapes seen, at most a few dozen: a library's photos differ in their values far more than in their shape. */
const templates = new Map<string, PacketTemplate>();
const MAX_TEMPLATES = 64;

const shapeOf = (w: SidecarWrite): string =>
  [w.rating !== null, w.label !== '', w.caption !== '', w.subjects.length, w.hierarchical.length, w.faces.map((f) => (f.name === null ? 0 : 1)).join(''), w.dimensions !== null].join('|');

/**
 * Builds the DOM of a new packet of this shape once. Each value is a text node or an attribute of
 * it (a slot), filled in for every sidecar of that shape: thousands of sidecars are written at a
 * time (turning the setting on), and building and indenting the same elements anew each time costs
 * more than writing the file.
 */
function buildTemplate(shape: SidecarWrite): PacketTemplate {
  const doc = new DOMImplementation().createDocument(NS.x, 'x:xmpmeta', null);
  const root = doc.documentElement as Element;
  root.setAttributeNS(NS.x, 'x:xmptk', 'Keepsake');
  const build = new Builder(doc);
  const slots: Slot[] = [];
  const textSlot = (node: { data: string; nodeValue: string; length: number }, value: (w: SidecarWrite) => string): void => {
    slots.push({
      kind: 'text',
      value,
      set: (v) => {
        node.data = node.nodeValue = v;
        node.length = v.length;
      },
    });
  };
  const text = (ns: string, qname: string, attributes: readonly (readonly [string, string, string])[], value: (w: SidecarWrite) => string): Element => {
    const element = build.element(ns, qname, attributes, 'x');
    textSlot(element.firstChild as unknown as { data: string; nodeValue: string; length: number }, value);
    return element;
  };
  const attribute = (element: Element, ns: string, local: string, value: (w: SidecarWrite) => string): void => {
    const attr = element.getAttributeNodeNS(ns, local) as unknown as { value: string; nodeValue: string };
    slots.push({
      kind: 'attribute',
      value,
      set: (v) => {
        attr.value = attr.nodeValue = v;
      },
    });
  };
  const block = build.block('');
  if (shape.rating !== null) block.appendChild(text(NS.xmp, 'xmp:Rating', [], (w) => String(w.rating)));
  if (shape.label !== '') block.appendChild(text(NS.xmp, 'xmp:Label', [], (w) => w.label));
  if (shape.caption !== '') {
    const li = text(NS.rdf, 'rdf:li', [[NS.xml, 'xml:lang', 'x-default']], (w) => w.caption);
    block.appendChild(build.element(NS.dc, 'dc:description', [], [build.element(NS.rdf, 'rdf:Alt', [], [li])]));
  }
  const bag = (ns: string, qname: string, count: number, values: (w: SidecarWrite) => readonly string[]): void => {
    if (count === 0) return;
    const items = Array.from({ length: count }, (_, i) => text(NS.rdf, 'rdf:li', [], (w) => values(w)[i] as string));
    block.appendChild(build.element(ns, qname, [], [build.element(NS.rdf, 'rdf:Bag', [], items)]));
  };
  bag(NS.dc, 'dc:subject', shape.subjects.length, (w) => w.subjects);
  bag(NS.lr, 'lr:hierarchicalSubject', shape.hierarchical.length, (w) => w.hierarchical);
  if (shape.faces.length > 0) {
    const fields: Element[] = [];
    if (shape.dimensions !== null) {
      const dims = build.element(NS.mwgRs, 'mwg-rs:AppliedToDimensions', [[NS.stDim, 'stDim:w', '1'], [NS.stDim, 'stDim:h', '1'], [NS.stDim, 'stDim:unit', 'pixel']]);
      attribute(dims, NS.stDim, 'w', (w) => String(w.dimensions?.width));
      attribute(dims, NS.stDim, 'h', (w) => String(w.dimensions?.height));
      fields.push(dims);
    }
    const items = shape.faces.map((face, i) => {
      const li = build.face(face);
      const area = li.getElementsByTagNameNS(NS.mwgRs, 'Area').item(0) as Element;
      const of = (w: SidecarWrite): SidecarFace => w.faces[i] as SidecarFace;
      attribute(area, NS.stArea, 'x', (w) => formatNumber(of(w).x + of(w).w / 2));
      attribute(area, NS.stArea, 'y', (w) => formatNumber(of(w).y + of(w).h / 2));
      attribute(area, NS.stArea, 'w', (w) => formatNumber(of(w).w));
      attribute(area, NS.stArea, 'h', (w) => formatNumber(of(w).h));
      const name = li.getElementsByTagNameNS(NS.mwgRs, 'Name').item(0);
      if (name != null) textSlot(name.firstChild as unknown as { data: string; nodeValue: string; length: number }, (w) => of(w).name as string);
      return li;
    });
    fields.push(build.element(NS.mwgRs, 'mwg-rs:RegionList', [], [build.element(NS.rdf, 'rdf:Bag', [], items)]));
    block.appendChild(build.element(NS.mwgRs, 'mwg-rs:Regions', [[NS.rdf, 'rdf:parseType', 'Resource']], fields));
  }
  root.appendChild(build.element(NS.rdf, 'rdf:RDF', [], [block]));
  build.indent(root, 0);
  return {
    root,
    begin: serialize(doc.createProcessingInstruction('xpacket', 'begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"')),
    end: serialize(doc.createProcessingInstruction('xpacket', 'end="w"')),
    slots,
    compiled: compile(root, slots),
  };
}

/** Marks a slot in the serialized template: private-use characters, which xmldom writes as they are. */
const marker = (index: number): string => `\uE000${index}\uE001`;

/**
 * Serializes the template once with a marker in each slot and cuts it there. Serializing the DOM
 * anew for each of 10,000 sidecars cost more than writing them (see the sidecars bench); the
 * structure, namespaces and layout stay xmldom's, and each value is escaped as xmldom escapes it.
 */
function compile(root: Element, slots: readonly Slot[]): (string | number)[] {
  slots.forEach((slot, i) => slot.set(marker(i)));
  const pieces = serialize(root).split(/\uE000(\d+)\uE001/);
  return pieces.map((piece, i) => (i % 2 === 1 ? Number(piece) : piece));
}

/** xmldom's escape of one character (lib/dom.js _xmlEncoder). */
const encode = (c: string): string => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`);
/** A text node's text as xmldom's serializer writes it. */
const escapeText = (value: string): string => (/[<&>]/.test(value) ? value.replace(/[<&>]/g, encode) : value);
/** An attribute's value as xmldom's serializer writes it. */
const escapeAttr = (value: string): string => (/[<>&"\t\n\r]/.test(value) ? value.replace(/[<>&"\t\n\r]/g, encode) : value);

function templateFor(wanted: SidecarWrite): PacketTemplate {
  const shape = shapeOf(wanted);
  let template = templates.get(shape);
  if (template === undefined) {
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    template = buildTemplate(wanted);
    templates.set(shape, template);
  }
  return template;
}

/** A new sidecar holding Keepsake's fields (the usual xpacket wrapper, as Adobe's toolkit writes it). */
export function newPacket(wanted: SidecarWrite): string {
  const template = templateFor(wanted);
  let out = `${template.begin}\n`;
  for (const piece of template.compiled) {
    if (typeof piece === 'string') out += piece;
    else {
      const slot = template.slots[piece] as Slot;
      const value = slot.value(wanted);
      out += slot.kind === 'text' ? escapeText(value) : escapeAttr(value);
    }
  }
  return `${out}\n${template.end}\n`;
}

/** The same packet with its values put into the template's DOM and serialized by xmldom: what newPacket is tested against. */
export function newPacketThroughDom(wanted: SidecarWrite): string {
  const template = templateFor(wanted);
  for (const slot of template.slots) slot.set(slot.value(wanted));
  return `${template.begin}\n${serialize(template.root)}\n${template.end}\n`;
}
