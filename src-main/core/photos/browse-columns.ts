/**
 * A photo's browse columns (migration 015: `main_dir`, `main_name`, `search_text`) computed in
 * JavaScript, exactly as the migration's triggers compute them in SQL, for the one place that
 * inserts photos by the thousand (a scan): the insert then carries them and the trigger, which
 * would rewrite each new row and its index entries once more, has nothing to do.
 */

/** The folder part of a path with its trailing separator ('' when none); either separator counts. */
const folderOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** SQLite's lower(): ASCII letters only (what the triggers and the search's own lower() do). */
export const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** The columns of a photo whose main file is at `path`, under a root at `rootPath` (null: none), with this caption. */
export function browseColumns(path: string, rootPath: string | null, caption = ''): { mainDir: string; mainName: string; searchText: string } {
  const mainDir = folderOf(path);
  const searched = path.slice(folderOf(rootPath ?? '').length);
  return { mainDir, mainName: path.slice(mainDir.length), searchText: `${asciiLower(searched)}\n${asciiLower(caption)}` };
}
