import type { Face, FaceBox } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { badRequest, notFound } from '../errors.ts';
import { markSidecarsPending } from '../sidecars/sidecar-pending.ts';

interface FaceRow {
  id: number;
  image_hash: string;
  x: number;
  y: number;
  w: number;
  h: number;
  name: string | null;
}

const toFace = (row: FaceRow): Face => ({ id: row.id, imageHash: row.image_hash, box: { x: row.x, y: row.y, w: row.w, h: row.h }, name: row.name });

/**
 * Records a face on a photo (a box in the image's own 0–1 coordinates, and who it is). Keepsake has
 * no face detection or UI to draw faces: tests and imports use this to prove faces survive a relink
 * and go with Delete Missing.
 */
export function addFace(db: Db, imageHash: string, box: FaceBox, name: string | null = null, now: Date = new Date()): Face {
  if (![box.x, box.y, box.w, box.h].every(Number.isFinite) || box.w <= 0 || box.h <= 0) throw badRequest('A face box needs finite numbers and a positive size');
  if (db.prepare('SELECT 1 FROM photos WHERE image_hash = ?').get(imageHash) === undefined) throw notFound(`No photo ${imageHash}`);
  const id = db.transaction(() => {
    const inserted = Number(db.prepare('INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, ?, ?, ?, ?, ?)').run(imageHash, box.x, box.y, box.w, box.h, name).lastInsertRowid);
    markSidecarsPending(db, [imageHash], now);
    return inserted;
  })();
  return toFace(db.prepare('SELECT * FROM faces WHERE id = ?').get(id) as FaceRow);
}

/** The faces on one photo. */
export function listFaces(db: Db, imageHash: string): Face[] {
  return (db.prepare('SELECT * FROM faces WHERE image_hash = ? ORDER BY id').all(imageHash) as FaceRow[]).map(toFace);
}
