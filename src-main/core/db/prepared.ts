import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement prepared once per connection and SQL text. better-sqlite3 keeps no cache, and the
 * rules' statements are long: preparing one costs more than running it for a few rows, and a scan
 * runs some of them once per file.
 */
export function preparedOnce(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (statements === undefined) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (statement === undefined) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
