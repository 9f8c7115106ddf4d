/**
 * The fields Keepsake keeps in a sidecar, as one comparable value — seen from the database (the
 * photo's rating, caption, label, albums, keywords and faces) or from the file — and how that value
 * is put back into the file's own lists without dropping what other apps keep there.
 */
import type { SidecarFace, SidecarWrite, SidecarXmp } from './sidecar-xmp.ts';
import { sameFaces } from './sidecar-xmp.ts';

/** The fields of a photo a sidecar holds for Keepsake. Lists are sorted, faces in a canonical order. */
export interface SidecarView {
  readonly rating: number;
  readonly caption: string;
  readonly label: string;
  /** The photo's own albums (user albums). */
  readonly albums: readonly string[];
  /** Keywords: the albums under the "Keywords" parent, made from other apps' keywords. */
  readonly keywords: readonly string[];
  readonly faces: readonly SidecarFace[];
}

/** The fields, by name, as the job history reports them. */
export type SidecarField = keyof SidecarView;
export const SIDECAR_FIELDS: readonly SidecarField[] = ['rating', 'caption', 'label', 'albums', 'keywords', 'faces'];

/** Where Keepsake's albums live in lr:hierarchicalSubject: "Keepsake|Albums|Summer 2024". */
export const ALBUMS_PATH = 'Keepsake|Albums|';

/** The parent of the albums made from keywords. */
export const KEYWORDS_PARENT = 'Keywords';

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const byBox = (a: SidecarFace, b: SidecarFace): number => a.x - b.x || a.y - b.y || a.w - b.w || a.h - b.h || (a.name ?? '').localeCompare(b.name ?? '');

/** A view with its lists in canonical order. */
export function makeView(fields: { rating: number; caption: string; label: string; albums: Iterable<string>; keywords: Iterable<string>; faces: readonly SidecarFace[] }): SidecarView {
  const albums = sortedUnique(fields.albums);
  const inAlbums = new Set(albums);
  return {
    rating: fields.rating,
    caption: fields.caption,
    label: fields.label,
    albums,
    keywords: sortedUnique([...fields.keywords].filter((keyword) => !inAlbums.has(keyword))),
    faces: [...fields.faces].sort(byBox),
  };
}

/** What a sidecar holds for Keepsake: a caption from dc:description, else dc:title; albums from Keepsake's hierarchy, keywords the rest. */
export function viewOfFile(xmp: SidecarXmp): SidecarView {
  const albums = xmp.hierarchical.filter((path) => path.startsWith(ALBUMS_PATH)).map((path) => path.slice(ALBUMS_PATH.length).trim()).filter((name) => name !== '');
  return makeView({
    rating: xmp.rating ?? 0,
    caption: xmp.caption ?? xmp.title ?? '',
    label: xmp.label ?? '',
    albums,
    keywords: xmp.subjects.map((subject) => subject.trim()).filter((subject) => subject !== ''),
    faces: xmp.faces,
  });
}

/** The view of a photo with nothing in it (a sidecar not written yet). */
export const EMPTY_VIEW: SidecarView = makeView({ rating: 0, caption: '', label: '', albums: [], keywords: [], faces: [] });

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

/** Whether one field is the same in two views. */
export function sameField(field: SidecarField, a: SidecarView, b: SidecarView): boolean {
  switch (field) {
    case 'albums':
    case 'keywords':
      return sameList(a[field], b[field]);
    case 'faces':
      return sameFaces(a.faces, b.faces);
    default:
      return a[field] === b[field];
  }
}

/** Whether two views hold the same fields. */
export const sameView = (a: SidecarView, b: SidecarView): boolean => SIDECAR_FIELDS.every((field) => sameField(field, a, b));

/**
 * What to write for a view into a file that holds `file` (null: a new file): the file's own lists
 * keep their order and their other entries; Keepsake's entries are added or taken out. A keyword
 * Keepsake took out also leaves lr:hierarchicalSubject (as the leaf of another app's path).
 */
export function writeFor(view: SidecarView, file: SidecarXmp | null, dimensions: SidecarWrite['dimensions']): SidecarWrite {
  const fileView = file === null ? EMPTY_VIEW : viewOfFile(file);
  const wanted = new Set([...view.albums, ...view.keywords]);
  const subjects: string[] = [];
  const seen = new Set<string>();
  for (const subject of file?.subjects ?? []) {
    const name = subject.trim();
    if (wanted.has(name) && !seen.has(name)) {
      subjects.push(subject);
      seen.add(name);
    }
  }
  for (const name of [...view.albums, ...view.keywords]) if (!seen.has(name)) subjects.push(name);
  const albums = new Set(view.albums);
  const droppedKeywords = new Set(fileView.keywords.filter((keyword) => !view.keywords.includes(keyword) && !albums.has(keyword)));
  const hierarchical: string[] = [];
  const kept = new Set<string>();
  for (const path of file?.hierarchical ?? []) {
    if (path.startsWith(ALBUMS_PATH)) {
      const name = path.slice(ALBUMS_PATH.length).trim();
      if (albums.has(name) && !kept.has(name)) {
        hierarchical.push(path);
        kept.add(name);
      }
    } else if (!droppedKeywords.has(path.split('|').at(-1)?.trim() ?? '')) hierarchical.push(path);
  }
  for (const name of view.albums) if (!kept.has(name)) hierarchical.push(`${ALBUMS_PATH}${name}`);
  return {
    // An unrated photo does not put a rating into a file that has none.
    rating: view.rating === 0 && (file?.rating ?? null) === null ? null : view.rating,
    label: view.label,
    caption: view.caption,
    subjects,
    hierarchical,
    faces: view.faces,
    dimensions,
  };
}
