import { up001 } from './001-initial.ts';
import { up002 } from './002-match-suggestions.ts';
import { up003 } from './003-photo-order.ts';
import { up004 } from './004-missing-order.ts';

/** A numbered schema change; `version` is stored in SQLite's user_version once applied. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: up001 },
  { version: 2, name: 'match-suggestions', sql: up002 },
  { version: 3, name: 'photo-order', sql: up003 },
  { version: 4, name: 'missing-order', sql: up004 },
];
