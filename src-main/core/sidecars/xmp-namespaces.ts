/** The XML namespaces a Keepsake sidecar reads and writes, by the prefixes they are written with. */
export const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  lr: 'http://ns.adobe.com/lightroom/1.0/',
  exif: 'http://ns.adobe.com/exif/1.0/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  mwgRs: 'http://www.metadataworkinggroup.com/schemas/regions/',
  stArea: 'http://ns.adobe.com/xmp/sType/Area#',
  stDim: 'http://ns.adobe.com/xap/1.0/sType/Dimensions#',
  /**
   * Declared on the one rdf:Description Keepsake writes its own fields into, so that it finds that
   * block again (an XMP toolkit that rewrites the file drops the unused declaration; the fields are
   * then found wherever that toolkit put them).
   */
  keepsake: 'http://ns.keepsake.app/xmp/1.0/',
} as const;

/** The prefixes Keepsake's own block declares, for the namespaces of the fields it owns. */
export const BLOCK_PREFIXES: readonly (readonly [string, string])[] = [
  ['keepsake', NS.keepsake],
  ['xmp', NS.xmp],
  ['dc', NS.dc],
  ['lr', NS.lr],
  ['mwg-rs', NS.mwgRs],
  ['stArea', NS.stArea],
  ['stDim', NS.stDim],
];
