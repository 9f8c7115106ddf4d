/** Where a command's answer goes: one JSON document, or text for people. */
export interface Output {
  readonly json: boolean;
  /** Prints the command's answer: `value` as the one JSON document, else the human text. */
  result(value: unknown, human: () => string): void;
  /** A note for people (stderr); never on stdout, so `--json` output stays one document. */
  note(text: string): void;
}

/** Writes answers to the given streams (stdout/stderr by default). */
export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  let printed = false;
  return {
    json,
    result(value, human) {
      // Exactly one document per run: a second result would break `--json` consumers.
      if (printed && json) throw new Error('internal: a second JSON document');
      printed = true;
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else {
        const text = human();
        if (text !== '') stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
    },
    note(text) {
      if (!json) stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}

/** A plain text table: a header row and aligned columns (the last column is not padded). */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Label/value lines, labels aligned. */
export function keyValues(pairs: readonly (readonly [string, string | number])[], indent = '  '): string {
  const width = Math.max(0, ...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)}  ${value}`).join('\n');
}

/** Bytes for people: 1.5 MB, 320 KB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "1 photo" / "3 photos". */
export const plural = (count: number, word: string, many = `${word}s`): string => `${count} ${count === 1 ? word : many}`;
