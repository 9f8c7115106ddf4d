import { basename, dirname } from 'node:path';
import { preparedOnce } from '../db/prepared.ts';
import { moveFileRows, moveFolderRows, rowsInFolder, type FileMove } from '../files/move-files.ts';
import type { ScanWork } from './scan-work.ts';
import type { FileRow } from './scan-store.ts';
import type { SeenFile } from './walk-folders.ts';

/** A known file seen at a new path with its row's inode, size and mtime (live/move-candidates.ts). */
export interface MovedFile {
  readonly row: FileRow;
  readonly seen: SeenFile;
}

/** A move applied here, with the photo its change is told of. */
export interface AppliedMove extends MovedFile {
  readonly imageHash: string | null;
}

/**
 * The photos of the moved files, in one query: whether each is a plain photo (its one file, its
 * main file set, not in the trash), which is all that decides whether a move can change it. Driven
 * from the list (CROSS JOIN, `+`): left to itself SQLite walks the library's photos index instead.
 */
const PHOTOS_OF = `SELECT pf.file_hash AS fileHash, p.image_hash AS imageHash,
    p.main_file IS NOT NULL AND p.in_trashcan = 0 AND (SELECT count(*) FROM photo_files o WHERE o.image_hash = p.image_hash) = 1 AS plain
  FROM json_each(@hashes) j CROSS JOIN photo_files pf ON pf.file_hash = j.value CROSS JOIN photos p ON p.image_hash = pf.image_hash
  WHERE +p.library_id = @libraryId`;

const devOf = (row: FileRow): number | null => (row as FileRow & { dev?: number | null }).dev ?? null;

/**
 * Applies one folder's moves as a set (10,000 renames: a query for their photos, then one UPDATE
 * per moved folder or one prepared run per file, instead of the found-again path's six statements
 * and a settle per file). Only plain moves go this way: a present file that stays present under the
 * same root, the one file of its photo. Nothing about such a photo changes but where its file is —
 * its main file is kept (the rule keeps a present main file whatever its path), its availability
 * stands, the browse columns follow through the path trigger — so none is settled. Every other
 * move (a photo with companions, one in the trash or without a main file, a file without a photo, a
 * row missing or under another root) is returned for the found-again path (reattach-file.ts).
 */
export function applyMoves(work: ScanWork, moves: readonly MovedFile[]): { applied: AppliedMove[]; others: MovedFile[] } {
  const { db, libraryId } = work.store;
  const links = preparedOnce(db, PHOTOS_OF).all({ hashes: JSON.stringify(moves.map((move) => move.row.hash)), libraryId }) as { fileHash: string; imageHash: string; plain: 0 | 1 }[];
  const photos = new Map<string, { imageHash: string; plain: boolean }[]>();
  for (const link of links) {
    let list = photos.get(link.fileHash);
    if (list === undefined) photos.set(link.fileHash, (list = []));
    list.push({ imageHash: link.imageHash, plain: link.plain === 1 });
  }
  const plain: AppliedMove[] = [];
  const others: MovedFile[] = [];
  for (const move of moves) {
    const { row, seen } = move;
    const of = photos.get(row.hash) ?? [];
    const isPlain = row.missing === 0 && row.unreadable === 0 && row.root_id === seen.rootId && of.length === 1 && of[0]?.plain === true && work.onlineRoots.has(seen.rootId);
    if (isPlain) plain.push({ ...move, imageHash: of[0]?.imageHash ?? null });
    else others.push(move);
  }
  if (plain.length === 0) return { applied: [], others };
  // A whole folder moved (or renamed): every row directly in it went to the same names in one new
  // folder, device and stat unchanged. Counted first, so that a row the walk did not see there (a
  // file deleted as the folder moved) is never carried along.
  const from = dirname(plain[0]?.row.path as string);
  const to = dirname(plain[0]?.seen.path as string);
  const wholeFolder = plain.length > 1
    && plain.every(({ row, seen }) => dirname(row.path) === from && dirname(seen.path) === to && basename(row.path) === basename(seen.path) && devOf(row) === seen.dev)
    && rowsInFolder(db, libraryId, from) === plain.length;
  if (wholeFolder && moveFolderRows(db, libraryId, from, to, plain[0]?.seen.rootId ?? null) === plain.length) return { applied: plain, others };
  // One by one; a row no longer where it was (relinked by hash earlier in this scan) takes the found-again path.
  const fileMoves: FileMove[] = plain.map(({ row, seen }) => ({ hash: row.hash, from: row.path, to: seen.path, rootId: seen.rootId, size: seen.size, mtimeMs: seen.mtimeMs, dev: seen.dev, ino: seen.ino }));
  const missed = new Set(moveFileRows(db, libraryId, fileMoves).map((move) => move.hash));
  if (missed.size === 0) return { applied: plain, others };
  return { applied: plain.filter((move) => !missed.has(move.row.hash)), others: [...others, ...plain.filter((move) => missed.has(move.row.hash))] };
}
