/**
 * The three-way merge of a photo's sidecar fields: Keepsake's side (the database), the file's side
 * (what is on disk now) and the base (the file as Keepsake last wrote or read it). A field only one
 * side changed takes that side's value; a field both changed takes the newer side's. Albums and
 * keywords merge entry by entry (an album added in Keepsake and a keyword added in Lightroom are
 * both kept). With no base (a sidecar Keepsake never saw), the file fills what Keepsake lacks and
 * lists are joined; where both hold a different value the newer side wins.
 */
import { makeView, sameField, SIDECAR_FIELDS, type SidecarField, type SidecarView } from './sidecar-view.ts';

/** The merged fields, and which of them came from the file (differ from Keepsake's). */
export interface MergeOutcome {
  readonly result: SidecarView;
  readonly fromFile: readonly SidecarField[];
}

const isEmpty = (field: SidecarField, view: SidecarView): boolean => {
  const value = view[field];
  return Array.isArray(value) ? value.length === 0 : value === 0 || value === '';
};

function mergeList(keepsake: readonly string[], file: readonly string[], base: readonly string[] | null): string[] {
  if (base === null) return [...new Set([...keepsake, ...file])];
  const inKeepsake = new Set(keepsake);
  const inFile = new Set(file);
  const inBase = new Set(base);
  return [...new Set([...keepsake, ...file])].filter((value) => (inKeepsake.has(value) && inFile.has(value)) || !inBase.has(value));
}

/** Merges the two sides; `keepsakeNewer`: Keepsake's last change is newer than the file's. */
export function mergeViews(keepsake: SidecarView, file: SidecarView, base: SidecarView | null, keepsakeNewer: boolean): MergeOutcome {
  const pick = (field: SidecarField): 'keepsake' | 'file' => {
    if (sameField(field, keepsake, file)) return 'keepsake';
    if (base === null) {
      if (isEmpty(field, keepsake)) return 'file';
      if (isEmpty(field, file)) return 'keepsake';
    } else {
      if (sameField(field, file, base)) return 'keepsake';
      if (sameField(field, keepsake, base)) return 'file';
    }
    return keepsakeNewer ? 'keepsake' : 'file';
  };
  const side = (field: 'rating' | 'caption' | 'label' | 'faces') => (pick(field) === 'keepsake' ? keepsake[field] : file[field]);
  const result = makeView({
    rating: side('rating') as number,
    caption: side('caption') as string,
    label: side('label') as string,
    albums: mergeList(keepsake.albums, file.albums, base?.albums ?? null),
    keywords: mergeList(keepsake.keywords, file.keywords, base?.keywords ?? null),
    faces: side('faces') as SidecarView['faces'],
  });
  return { result, fromFile: SIDECAR_FIELDS.filter((field) => !sameField(field, keepsake, result)) };
}
