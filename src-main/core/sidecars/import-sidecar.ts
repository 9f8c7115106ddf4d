/**
 * Read-back on import: a photo a scan creates takes from its sidecar — written by Keepsake,
 * Lightroom, digiKam, darktable or a camera — what the scan's own statement does not give it
 * (rating, caption and date are scan-store.ts's): its albums (Keepsake's "Keepsake|Albums|…"
 * hierarchy), other apps' keywords (as albums under "Keywords"), its colour label and its named
 * faces. Never over anything the photo has already. What the file held is recorded as the base
 * of the photo's next sidecar write.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database.ts';
import { findOrCreateUserAlbum } from '../albums/albums.ts';
import type { XmpSidecar } from '../metadata/xmp-sidecar.ts';
import { recordState } from './sidecar-store.ts';
import { KEYWORDS_PARENT, viewOfFile } from './sidecar-view.ts';

/** One scan's importer: its statements prepared once, its albums looked up once each. */
export class SidecarImport {
  readonly #db: Db;
  readonly #libraryId: number;
  readonly #now: () => Date;
  readonly #albums = new Map<string, number>();
  readonly #label: Statement;
  readonly #member: Statement;
  readonly #hasFaces: Statement;
  readonly #face: Statement;

  constructor(db: Db, libraryId: number, now: () => Date) {
    this.#db = db;
    this.#libraryId = libraryId;
    this.#now = now;
    this.#label = db.prepare(`UPDATE photos SET color_label = ? WHERE image_hash = ? AND color_label = ''`);
    this.#member = db.prepare('INSERT OR IGNORE INTO album_photos (album_id, image_hash) VALUES (?, ?)');
    this.#hasFaces = db.prepare('SELECT EXISTS (SELECT 1 FROM faces WHERE image_hash = ?)').pluck();
    this.#face = db.prepare('INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, ?, ?, ?, ?, ?)');
  }

  #album(title: string, parent: string | null): number {
    const key = `${parent ?? ''}\u0000${title}`;
    let id = this.#albums.get(key);
    if (id === undefined) {
      id = findOrCreateUserAlbum(this.#db, this.#libraryId, title, parent, this.#now());
      this.#albums.set(key, id);
    }
    return id;
  }

  /** Applies a sidecar the workers read to a photo this scan created (inside the scan's batch transaction). */
  apply(imageHash: string, path: string, sidecar: XmpSidecar): void {
    const view = viewOfFile(sidecar.fields);
    if (view.label !== '') this.#label.run(view.label, imageHash);
    for (const title of view.albums) this.#member.run(this.#album(title, null), imageHash);
    for (const title of view.keywords) this.#member.run(this.#album(title, KEYWORDS_PARENT), imageHash);
    if (view.faces.length > 0 && this.#hasFaces.get(imageHash) === 0) {
      for (const face of view.faces) this.#face.run(imageHash, face.x, face.y, face.w, face.h, face.name);
    }
    recordState(this.#db, imageHash, this.#libraryId, { path, ...sidecar.file, fields: view, syncedAt: this.#now().toISOString() });
  }
}
