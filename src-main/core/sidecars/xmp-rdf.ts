/**
 * Reading XMP's RDF/XML the way the XMP specification allows it to be written: a property as an
 * attribute of an rdf:Description or as a child element, several top-level rdf:Description blocks
 * for the same photo, arrays (rdf:Bag / Seq / Alt), language alternatives, structures in any of the
 * three forms (rdf:parseType="Resource", a nested rdf:Description, attributes on the property), and
 * rdf:nodeID references (f-spot's sidecars, corpus XMP2.xmp). Namespace-aware: prefixes are never trusted.
 */
import type { Attr, Document, Element, Node } from '@xmldom/xmldom';
import { NS } from './xmp-namespaces.ts';
import { XmpError } from './xmp-source.ts';

/** A property of the photo: an attribute of a top-level rdf:Description, or a child element of one. */
export type RdfProperty =
  | { readonly kind: 'attribute'; readonly description: Element; readonly attr: Attr }
  | { readonly kind: 'element'; readonly description: Element; readonly element: Element };

/** A field of a structure: an attribute or an element. */
export type RdfField = { readonly attr: Attr } | { readonly element: Element };

const ELEMENT_NODE = 1;
const isElement = (node: Node): node is Element => node.nodeType === ELEMENT_NODE;

/** The element children of an element (walked by sibling: copying xmldom's live childNodes list cost a scan more than the walk). */
export function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) if (isElement(node)) out.push(node);
  return out;
}

/** Whether an element is `ns:local`. */
export const isNamed = (element: Element, ns: string, local: string): boolean => element.namespaceURI === ns && element.localName === local;

/** Attributes that are RDF/XML syntax (rdf:about, rdf:parseType, xml:lang, xmlns…), not properties. */
const isSyntax = (attr: Attr): boolean =>
  attr.namespaceURI === NS.rdf || attr.namespaceURI === NS.xml || attr.namespaceURI === NS.xmlns || attr.name === 'xmlns' || attr.name.startsWith('xmlns:');

const isContainer = (element: Element): boolean =>
  element.namespaceURI === NS.rdf && (element.localName === 'Bag' || element.localName === 'Seq' || element.localName === 'Alt');

/** The key of a field or property: namespace URI and local name. */
export const fieldKey = (ns: string, local: string): string => `${ns} ${local}`;

/** The rdf:RDF of a packet and its top-level nodes. */
export class RdfGraph {
  readonly rdf: Element;
  /** The top-level rdf:Description elements: each describes the photo. */
  readonly descriptions: readonly Element[];
  readonly #byNodeId = new Map<string, Element>();
  /** The photo's properties by key, gathered at the first lookup: a read looks up a dozen of them. */
  #byKey: Map<string, RdfProperty[]> | null = null;

  constructor(doc: Document) {
    const root = doc.documentElement;
    const rdf = root !== null && isNamed(root, NS.rdf, 'RDF') ? root : doc.getElementsByTagNameNS(NS.rdf, 'RDF').item(0);
    if (rdf === null || rdf === undefined) throw new XmpError('no rdf:RDF element: not an XMP packet');
    this.rdf = rdf;
    const top = childElements(rdf);
    this.descriptions = top.filter((element) => isNamed(element, NS.rdf, 'Description'));
    for (const element of top) {
      const id = element.getAttributeNS(NS.rdf, 'nodeID');
      if (id) this.#byNodeId.set(id, element);
    }
  }

  /** Every occurrence of a property of the photo, in document order (as the packet was parsed). */
  properties(ns: string, local: string): readonly RdfProperty[] {
    this.#byKey ??= this.#gather();
    return this.#byKey.get(fieldKey(ns, local)) ?? [];
  }

  #gather(): Map<string, RdfProperty[]> {
    const byKey = new Map<string, RdfProperty[]>();
    const add = (key: string, property: RdfProperty): void => {
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [property]);
      else list.push(property);
    };
    for (const description of this.descriptions) {
      const attributes = description.attributes;
      for (let i = 0; i < attributes.length; i++) {
        const attr = attributes.item(i) as Attr;
        if (!isSyntax(attr) && attr.namespaceURI !== null) add(fieldKey(attr.namespaceURI, attr.localName ?? attr.name), { kind: 'attribute', description, attr });
      }
      for (const element of childElements(description)) {
        if (element.namespaceURI !== null) add(fieldKey(element.namespaceURI, element.localName ?? element.tagName), { kind: 'element', description, element });
      }
    }
    return byKey;
  }

  /** The top-level node an element refers to with rdf:nodeID (an empty element), else the element itself. */
  resolve(element: Element): Element {
    const id = element.getAttributeNS(NS.rdf, 'nodeID');
    if (!id || element.hasChildNodes()) return element;
    const target = this.#byNodeId.get(id);
    return target !== undefined && target !== element ? target : element;
  }

  /** The top-level node with this rdf:nodeID, if any. */
  nodeById(id: string): Element | undefined {
    return this.#byNodeId.get(id);
  }

  /** The rdf:Bag / Seq / Alt holding an array property's items, if it is one. */
  container(element: Element): Element | null {
    const node = this.resolve(element);
    if (isContainer(node)) return node;
    const inner = childElements(node).find(isContainer);
    return inner === undefined ? null : inner;
  }

  /** The rdf:li items of an array property. */
  items(element: Element): Element[] {
    const container = this.container(element);
    return container === null ? [] : childElements(container).filter((li) => isNamed(li, NS.rdf, 'li'));
  }

  /**
   * A simple value: an attribute's value, an element's rdf:resource or text, or — for a language
   * alternative or an array where one value is expected — its x-default (else first) item's text.
   */
  text(field: RdfField | RdfProperty): string | null {
    if ('attr' in field) return field.attr.value;
    const element = this.resolve(field.element);
    const resource = element.getAttributeNS(NS.rdf, 'resource');
    if (resource) return resource;
    const container = this.container(element);
    if (container !== null) {
      const items = childElements(container).filter((li) => isNamed(li, NS.rdf, 'li'));
      const chosen = items.find((li) => li.getAttributeNS(NS.xml, 'lang') === 'x-default') ?? items[0];
      return chosen === undefined ? null : this.text({ element: chosen });
    }
    if (childElements(element).length > 0) return null; // a structure, not a value
    return element.textContent ?? '';
  }

  /** The texts of an array property (a single value stands for an array of one). */
  texts(property: RdfProperty): string[] {
    if (property.kind === 'attribute') return [property.attr.value];
    const element = this.resolve(property.element);
    if (this.container(element) === null) {
      const value = this.text({ element });
      return value === null || value === '' ? [] : [value];
    }
    const out: string[] = [];
    for (const li of this.items(element)) {
      const value = this.text({ element: li });
      if (value !== null) out.push(value);
    }
    return out;
  }

  /** The fields of a structure (or of an rdf:li holding one), in any of the three RDF forms. */
  fields(element: Element): Map<string, RdfField> {
    const node = this.resolve(element);
    const out = new Map<string, RdfField>();
    const take = (holder: Element): void => {
      for (const attr of Array.from(holder.attributes)) {
        if (!isSyntax(attr) && attr.namespaceURI !== null) out.set(fieldKey(attr.namespaceURI, attr.localName ?? attr.name), { attr });
      }
      for (const child of childElements(holder)) {
        if (isNamed(child, NS.rdf, 'Description')) take(child);
        else if (child.namespaceURI !== null && !(child.namespaceURI === NS.rdf && child.localName === 'type')) out.set(fieldKey(child.namespaceURI, child.localName ?? child.tagName), { element: child });
      }
    };
    take(node);
    return out;
  }
}
