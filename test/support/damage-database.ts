/**
 * Test-only: damage a database file the way a failing disk or a torn write does, so that SQLite's
 * quick_check finds it (and opening it does not: the header and the schema stay intact).
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/** Overwrites the root page of `table` (or index) with garbage, in the main file; returns that page's number. */
export function scribblePage(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let page: number;
  let pageSize: number;
  try {
    page = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
    pageSize = db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
  if (!page) throw new Error(`no table or index ${table} in ${file}`);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x55), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return page;
}
