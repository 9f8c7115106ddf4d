import { up001 } from './001-initial.ts';
import { up002 } from './002-match-suggestions.ts';
import { up003 } from './003-photo-order.ts';
import { up004 } from './004-missing-order.ts';
import { up005 } from './005-files-by-path.ts';
import { up006 } from './006-describe-queue.ts';
import { up007 } from './007-one-capture-index.ts';
import { up008 } from './008-drop-photos-removed.ts';
import { up009 } from './009-absent-only-indexes.ts';
import { up010 } from './010-deletions.ts';
import { up011 } from './011-scan-problems.ts';
import { up012 } from './012-thumbnail-versions.ts';
import { up013 } from './013-sidecars.ts';
import { up014 } from './014-live-library.ts';
import { up015 } from './015-browse.ts';
import { up016 } from './016-photos-in-folder-order.ts';
import type { Db } from '../open-database.ts';

/** A numbered schema change; `version` is stored in SQLite's user_version once applied. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Its SQL; or, for a migration that re-creates parts of the schema as they are stored, made from the database. */
  readonly sql: string | ((db: Db) => string);
  /**
   * The migration rebuilds a table (create, copy, drop, rename): it runs with foreign keys off, so
   * dropping the old table cascades nowhere, and fails unless every reference holds at its end.
   */
  readonly rebuildsTables?: boolean;
}

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: up001 },
  { version: 2, name: 'match-suggestions', sql: up002 },
  { version: 3, name: 'photo-order', sql: up003 },
  { version: 4, name: 'missing-order', sql: up004 },
  { version: 5, name: 'files-by-path', sql: up005, rebuildsTables: true },
  { version: 6, name: 'describe-queue', sql: up006 },
  { version: 7, name: 'one-capture-index', sql: up007 },
  { version: 8, name: 'drop-photos-removed', sql: up008 },
  { version: 9, name: 'absent-only-indexes', sql: up009 },
  { version: 10, name: 'deletions', sql: up010 },
  { version: 11, name: 'scan-problems', sql: up011 },
  { version: 12, name: 'thumbnail-versions', sql: up012 },
  { version: 13, name: 'sidecars', sql: up013 },
  { version: 14, name: 'live-library', sql: up014 },
  { version: 15, name: 'browse', sql: up015 },
  { version: 16, name: 'photos-in-folder-order', sql: up016, rebuildsTables: true },
];
