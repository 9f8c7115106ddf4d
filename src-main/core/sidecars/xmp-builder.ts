/**
 * Building the elements Keepsake writes into a sidecar, in the packet's own xmldom document: one
 * place for the prefixes, the number format and the indentation of everything Keepsake writes.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { SidecarFace } from './sidecar-xmp.ts';
import { BLOCK_PREFIXES, NS } from './xmp-namespaces.ts';
import { childElements } from './xmp-rdf.ts';

/** A number as a sidecar keeps it: enough digits for a box, none of binary floating point's noise. */
export const formatNumber = (value: number): string => String(Number(value.toFixed(9)));

/** The attribute Keepsake marks its own block with. */
export const isBlock = (description: Element): boolean => description.getAttributeNS(NS.xmlns, 'keepsake') === NS.keepsake;

export const INDENT = ' ';

/** Builds the elements Keepsake writes, in the packet's document, indented as they are nested. */
export class Builder {
  readonly doc: Document;
  constructor(doc: Document) {
    this.doc = doc;
  }

  element(ns: string, qname: string, attributes: readonly (readonly [string, string, string])[] = [], content: string | readonly Element[] = []): Element {
    const element = this.doc.createElementNS(ns, qname);
    for (const [attrNs, attrName, value] of attributes) element.setAttributeNS(attrNs, attrName, value);
    if (typeof content === 'string') element.appendChild(this.doc.createTextNode(content));
    else for (const child of content) element.appendChild(child);
    return element;
  }

  /** A Bag of texts. */
  bag(ns: string, qname: string, values: readonly string[]): Element {
    return this.element(ns, qname, [], [this.element(NS.rdf, 'rdf:Bag', [], values.map((value) => this.element(NS.rdf, 'rdf:li', [], value)))]);
  }

  /** Re-indents an element's element children (and theirs) for `depth`, leaving text-only content as it is. */
  indent(element: Element, depth: number): void {
    const children = childElements(element);
    if (children.length === 0) return;
    for (const node of Array.from(element.childNodes)) {
      if (node.nodeType === 3 && /^\s*$/.test(node.nodeValue ?? '')) element.removeChild(node);
    }
    for (const child of children) {
      element.insertBefore(this.doc.createTextNode(`\n${INDENT.repeat(depth + 1)}`), child);
      this.indent(child, depth + 1);
    }
    element.appendChild(this.doc.createTextNode(`\n${INDENT.repeat(depth)}`));
  }

  /** A face region item. */
  face(face: SidecarFace): Element {
    const area = this.element(NS.mwgRs, 'mwg-rs:Area', [
      [NS.stArea, 'stArea:x', formatNumber(face.x + face.w / 2)],
      [NS.stArea, 'stArea:y', formatNumber(face.y + face.h / 2)],
      [NS.stArea, 'stArea:w', formatNumber(face.w)],
      [NS.stArea, 'stArea:h', formatNumber(face.h)],
      [NS.stArea, 'stArea:unit', 'normalized'],
    ]);
    const fields = [area, this.element(NS.mwgRs, 'mwg-rs:Type', [], 'Face')];
    if (face.name !== null) fields.push(this.element(NS.mwgRs, 'mwg-rs:Name', [], face.name));
    return this.element(NS.rdf, 'rdf:li', [[NS.rdf, 'rdf:parseType', 'Resource']], fields);
  }

  /** Keepsake's own rdf:Description (empty). */
  block(about: string): Element {
    const block = this.element(NS.rdf, 'rdf:Description', [[NS.rdf, 'rdf:about', about]]);
    for (const [prefix, uri] of BLOCK_PREFIXES) block.setAttributeNS(NS.xmlns, `xmlns:${prefix}`, uri);
    return block;
  }
}

