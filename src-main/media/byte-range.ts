/** What a `Range` request header asks of a file of a known size. */
export type RangeRequest =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^(\d*)-(\d*)$/;

/**
 * Parses an HTTP `Range` header (RFC 9110 §14) for a file of `size` bytes; `end` is inclusive.
 * No header, another unit or several ranges → the whole file (a server may ignore Range; video
 * players ask for one range). A malformed or out-of-file byte range → unsatisfiable (answer 416).
 */
export function parseRange(header: string | null | undefined, size: number): RangeRequest {
  if (header === null || header === undefined) return { kind: 'full' };
  const trimmed = header.trim();
  if (!/^bytes=/i.test(trimmed)) return { kind: 'full' };
  const spec = trimmed.slice('bytes='.length).trim();
  if (spec.includes(',')) return { kind: 'full' };
  const match = SINGLE_RANGE.exec(spec);
  if (!match) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (size <= 0) return { kind: 'unsatisfiable' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (!Number.isSafeInteger(length) || length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = Number(last);
  if (!Number.isSafeInteger(end) || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
