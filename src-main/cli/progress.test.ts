import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createProgress } from './progress.ts';

/** A stream that says whether it is a terminal, collecting what is written. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let written = '';
  stream.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => written };
}

test('a progress bar is drawn on a terminal', () => {
  const { stream, text } = fakeStream(true);
  const progress = createProgress('Scanning', stream);
  progress.update('hashing', 50, 100);
  progress.update('hashing', 100, 100);
  progress.stop();
  assert.match(text(), /Scanning/);
  assert.match(text(), /100\/100/);
  assert.match(text(), /hashing/);
});

test('no progress bar when the output is piped', () => {
  const { stream, text } = fakeStream(false);
  const progress = createProgress('Scanning', stream);
  progress.update('hashing', 50, 100);
  progress.stop();
  assert.equal(text(), '');
});
