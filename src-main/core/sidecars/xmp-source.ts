/**
 * An XMP packet parsed with xmldom, with where each node lies in the original text: a change to a
 * sidecar is spliced into that text, so that everything Keepsake does not own (another app's tags,
 * their layout, quotes and line breaks, the xpacket wrapper and its padding) stays byte for byte.
 */
import { DOMParser, XMLSerializer, type Attr, type Document, type Element, type Node } from '@xmldom/xmldom';

/** The text is not an XMP packet Keepsake can parse (it is then never written over). */
export class XmpError extends Error {
  override readonly name = 'XmpError';
}

/** A change to the text: [start, end) replaced by `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where the XML lies in a packet: after the `<?xpacket begin…?>` and anything else before its root, up to the root's end tag. */
function findBody(text: string): { start: number; end: number } {
  let at = 0;
  for (;;) {
    const open = text.indexOf('<', at);
    if (open < 0) throw new XmpError('no XML element');
    if (text.startsWith('<?', open)) {
      const close = text.indexOf('?>', open + 2);
      if (close < 0) throw new XmpError('unterminated processing instruction');
      at = close + 2;
    } else if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close < 0) throw new XmpError('unterminated comment');
      at = close + 3;
    } else {
      const name = /^<([^\s/>]+)/.exec(text.slice(open, open + 200))?.[1];
      if (name === undefined) throw new XmpError('no XML element');
      const closeTag = text.lastIndexOf(`</${name}`);
      const gt = closeTag < 0 ? -1 : text.indexOf('>', closeTag);
      if (gt < 0) throw new XmpError(`no end tag for <${name}>`);
      return { start: open, end: gt + 1 };
    }
  }
}

const TEXT_NODE = 3;

// Anything short of well-formed is refused: a file Keepsake half understands is never rewritten.
const onError = (level: 'warning' | 'error' | 'fatalError', message: string): void => {
  if (level !== 'warning') throw new XmpError(message);
};

// Positions are taken on the text as it is (xmldom otherwise counts them on normalised line ends);
// the reading parser keeps line ends as they are too, so that both read the same values.
const asItIs = (source: string): string => source;

const parser = new DOMParser({ onError, normalizeLineEndings: asItIs });

/** For reading only: no node positions, which only a write needs (a scan reads thousands of sidecars). */
const readingParser = new DOMParser({ onError, normalizeLineEndings: asItIs, locator: false });

function parseBody(xml: string, with_: DOMParser): Document {
  try {
    return with_.parseFromString(xml, 'text/xml');
  } catch (error) {
    throw new XmpError(`not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** A packet's DOM, to read (XmpSource when it is to be written into); throws XmpError when it is not XML. */
export function parseXmp(text: string): Document {
  const body = findBody(text);
  return parseBody(text.slice(body.start, body.end), readingParser);
}

/** One parsed packet: the DOM, and the offset in `text` of every node and attribute. */
export class XmpSource {
  readonly text: string;
  readonly doc: Document;
  readonly #bodyStart: number;
  readonly #bodyEnd: number;
  readonly #lineStarts: number[];
  readonly #ends = new Map<Node, number>();

  constructor(text: string) {
    this.text = text;
    const body = findBody(text);
    this.#bodyStart = body.start;
    this.#bodyEnd = body.end;
    const xml = text.slice(body.start, body.end);
    this.doc = parseBody(xml, parser);
    // The same line breaks xmldom's locator counts (\r\n, \r, \n).
    this.#lineStarts = [0];
    for (const match of xml.matchAll(/\r\n?|\n/g)) this.#lineStarts.push((match.index as number) + match[0].length);
  }

  /** Offset in `text` where a node (or attribute) starts, as xmldom located it. */
  start(node: Node | Attr): number {
    const line = node.lineNumber;
    const column = node.columnNumber;
    if (line === undefined || column === undefined) throw new Error('internal: a node created after parsing has no position');
    return this.#bodyStart + (this.#lineStarts[line - 1] as number) + column - 1;
  }

  /**
   * Offset just past a node: where its next sibling starts, or else where its parent's end tag
   * does (text right after a last child can only be that end tag).
   */
  end(node: Node): number {
    const known = this.#ends.get(node);
    if (known !== undefined) return known;
    let end: number;
    if (node === this.doc.documentElement) end = this.#bodyEnd;
    else if (node.nextSibling !== null) end = this.start(node.nextSibling);
    else {
      const parent = node.parentNode;
      if (parent === null) throw new Error('internal: a node outside the document');
      end = this.text.lastIndexOf('</', this.end(parent) - 1);
    }
    this.#ends.set(node, end);
    return end;
  }

  /** Where an element's start tag ends (just past its `>`, or `/>`). */
  startTagEnd(element: Element): number {
    const attrs = Array.from(element.attributes);
    let at = this.start(element) + 1 + element.tagName.length;
    for (const attr of attrs) at = Math.max(at, this.attributeRange(attr).end);
    const gt = this.text.indexOf('>', at);
    if (gt < 0) throw new Error('internal: a start tag without its end');
    return gt + 1;
  }

  /**
   * An attribute's `name="value"`, with the white space before it (to remove it cleanly). xmldom
   * locates an attribute at its value's opening quote.
   */
  attributeRange(attr: Attr): { start: number; nameStart: number; end: number } {
    const text = this.text;
    const quoteAt = this.start(attr);
    const quote = text.charAt(quoteAt);
    const valueEnd = quote === '"' || quote === "'" ? text.indexOf(quote, quoteAt + 1) : -1;
    let at = quoteAt - 1;
    while (at > 0 && /\s/.test(text.charAt(at))) at--;
    const equals = text.charAt(at) === '=';
    at--;
    while (at > 0 && /\s/.test(text.charAt(at))) at--;
    const nameStart = at - attr.name.length + 1;
    if (valueEnd < 0 || !equals || text.slice(nameStart, at + 1) !== attr.name) throw new Error(`internal: attribute ${attr.name} not where xmldom located it`);
    let lead = nameStart;
    while (lead > 0 && /\s/.test(text.charAt(lead - 1))) lead--;
    return { start: lead, nameStart, end: valueEnd + 1 };
  }

  /** A node's range with the white space text right before it (to remove it without leaving a blank line). */
  rangeWithLeadingSpace(node: Node): { start: number; end: number } {
    const before = node.previousSibling;
    const start = before !== null && before.nodeType === TEXT_NODE && /^\s*$/.test(before.nodeValue ?? '') ? this.start(before) : this.start(node);
    return { start, end: this.end(node) };
  }
}

/** Applies non-overlapping splices to a text. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const splice of sorted) {
    if (splice.start < at) throw new Error('internal: overlapping changes to a sidecar');
    out += text.slice(at, splice.start) + splice.text;
    at = splice.end;
  }
  return out + text.slice(at);
}

const serializer = new XMLSerializer();

/** XML text of a node, with xmldom's escaping and the namespace declarations it needs. */
export function serialize(node: Node): string {
  return serializer.serializeToString(node);
}

/** An attribute value escaped for double quotes (for a value replaced in place). */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}
