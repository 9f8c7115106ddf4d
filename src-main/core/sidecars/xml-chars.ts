/**
 * The characters a sidecar can hold. XML 1.0 (what XMP is written in) has no way to carry C0
 * control characters other than tab, line feed and carriage return, U+FFFE, U+FFFF or a lone
 * surrogate — not even as a character reference (`&#1;` is not well-formed) — so a caption, album,
 * keyword, label or face name holding one would make the whole sidecar unreadable to every app.
 * Such characters are dropped from what is written; everything else (emoji included) is kept.
 */
import type { SidecarWrite } from './sidecar-xmp.ts';

/** With the `u` flag a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;
const HAS_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

/** The text without the characters XML 1.0 cannot represent. */
export const xmlText = (text: string): string => (HAS_NOT_XML.test(text) ? text.replace(NOT_XML, '') : text);

/** Every text value of a write as a sidecar can hold it (the same object when nothing changes, as is usual). */
export function xmlSafeWrite(wanted: SidecarWrite): SidecarWrite {
  const clean = (text: string): boolean => !HAS_NOT_XML.test(text);
  if (clean(wanted.label) && clean(wanted.caption) && wanted.subjects.every(clean) && wanted.hierarchical.every(clean) && wanted.faces.every((face) => face.name === null || clean(face.name))) {
    return wanted;
  }
  return {
    ...wanted,
    label: xmlText(wanted.label),
    caption: xmlText(wanted.caption),
    // An entry that held nothing else is left out, as a reader would drop an empty keyword.
    subjects: wanted.subjects.map(xmlText).filter((subject) => subject.trim() !== ''),
    hierarchical: wanted.hierarchical.map(xmlText).filter((path) => (path.split('|').at(-1) as string).trim() !== ''),
    faces: wanted.faces.map((face) => (face.name === null ? face : { ...face, name: xmlText(face.name) })),
  };
}
