import type { Db } from '../../src-main/core/db/open-database.ts';

/**
 * The SQL texts `call` prepares on `db`, in order (for query-plan and statement-count tests). Use a
 * connection of its own: statements are prepared once per connection, so a warm one prepares none.
 */
export function statementsPreparedBy(db: Db, call: () => unknown): string[] {
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    call();
  } finally {
    db.prepare = prepare;
  }
  return prepared;
}

/** The same for a call that resolves later: recorded until it settles. */
export async function statementsPreparedByAsync(db: Db, call: () => Promise<unknown>): Promise<string[]> {
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    await call();
  } finally {
    db.prepare = prepare;
  }
  return prepared;
}
