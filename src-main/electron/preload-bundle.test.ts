import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { COMMAND_NAMES, EVENT_NAMES, commandChannel } from '../../src-shared/contract.ts';
import { requestSchemas } from '../../src-shared/request-schemas.ts';

// The sandboxed preload is loaded by every page: it must carry the contract's names, not zod.
describe('preload bundle', () => {
  it('bundles the contract names without the request schemas', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./preload.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    assert.ok(code.length < 10_000, `preload is ${code.length} bytes`);
    assert.doesNotMatch(code, /zod|safeParse/);
    for (const command of COMMAND_NAMES) assert.ok(code.includes(`"${command}"`), command);
    for (const event of EVENT_NAMES) assert.ok(code.includes(`"${event}"`), event);
    assert.ok(code.includes(commandChannel('stats.get').replace('stats.get', '')));
  });

  it('names every command that has a schema, and no other', () => {
    assert.deepEqual([...COMMAND_NAMES].sort(), Object.keys(requestSchemas).sort());
  });
});
