import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_NAMES, type CommandHandlers } from '../../src-shared/contract.ts';
import { AppFailure } from './app-failure.ts';
import { createDispatcher } from './dispatcher.ts';
import { buildHandlerTable } from './handler-table.ts';

const HASH = 'd41d8cd98f00b204e9800998ecf8427e1';

/** A table where every command echoes the request it was given, recording calls. */
function echoTable(calls: { command: string; request: unknown }[] = []): CommandHandlers {
  return Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, async (request: unknown) => (calls.push({ command: name, request }), { echoed: request })]),
  ) as unknown as CommandHandlers;
}

describe('buildHandlerTable', () => {
  it('merges the core and shell tables into one handler per contract command', () => {
    const all = echoTable();
    const shell = { 'dialog.pickFolder': all['dialog.pickFolder'], 'dialog.pickFile': all['dialog.pickFile'], 'photos.showInFolder': all['photos.showInFolder'] };
    const core = Object.fromEntries(Object.entries(all).filter(([name]) => !(name in shell)));
    const table = buildHandlerTable(core, shell);
    assert.deepEqual(Object.keys(table).sort(), [...COMMAND_NAMES].sort());
  });

  it('throws on a command answered twice', () => {
    const all = echoTable();
    assert.throws(() => buildHandlerTable(all, { 'dialog.pickFolder': all['dialog.pickFolder'] }), /Duplicate handler for command "dialog.pickFolder"/);
  });

  it('throws on a contract command nobody answers, naming it', () => {
    const { 'stats.get': _dropped, ...rest } = echoTable();
    assert.throws(() => buildHandlerTable(rest), /No handler for command\(s\): stats\.get/);
  });

  it('throws on a handler for a name the contract does not declare', () => {
    assert.throws(() => buildHandlerTable(echoTable(), { 'fs.readFile': async () => null }), /unknown command "fs.readFile"/);
  });

  it('throws on a handler that is not a function', () => {
    const { 'stats.get': _dropped, ...rest } = echoTable();
    assert.throws(() => buildHandlerTable(rest, { 'stats.get': 'nope' }), /not a function/);
  });
});

describe('createDispatcher', () => {
  it('calls the handler with the validated request (defaults filled in) and wraps the answer', async () => {
    const calls: { command: string; request: unknown }[] = [];
    const dispatch = createDispatcher(echoTable(calls));
    const result = await dispatch('photos.list', { libraryId: 3 });
    assert.deepEqual(result, { ok: true, value: { echoed: { libraryId: 3, view: 'all', offset: 0, limit: 500 } } });
    assert.deepEqual(calls, [{ command: 'photos.list', request: { libraryId: 3, view: 'all', offset: 0, limit: 500 } }]);
  });

  it('answers bad_request for an unknown command without calling anything', async () => {
    const calls: { command: string; request: unknown }[] = [];
    const dispatch = createDispatcher(echoTable(calls));
    for (const command of ['fs.readFile', '', 42, null, undefined, { toString: () => 'stats.get' }, '__proto__', 'constructor']) {
      const result = await dispatch(command, {});
      assert.equal(result.ok, false, String(command));
      assert.equal(!result.ok && result.error.code, 'bad_request');
    }
    assert.equal(calls.length, 0);
  });

  const badRequests: [string, unknown, RegExp][] = [
    ['photos.list', { libraryId: '3' }, /libraryId/],
    ['photos.list', { libraryId: 3, limit: 10_000 }, /limit/],
    ['photos.list', { libraryId: -1 }, /libraryId/],
    ['photos.list', { libraryId: 3, sql: 'DROP TABLE photos' }, /sql|Unrecognized/i],
    ['photos.get', { imageHash: '../../etc/passwd' }, /imageHash/],
    ['photos.get', { imageHash: HASH.toUpperCase() }, /imageHash/],
    ['libraries.add', { name: '   ', folders: [] }, /name/],
    ['roots.add', { libraryId: 1, path: '' }, /path/],
    ['jobs.start', { type: 'delete_missing', libraryId: 1 }, /confirmed/],
    ['jobs.start', { type: 'delete_missing', libraryId: 1, confirmed: false }, /confirmed/],
    ['jobs.start', { type: 'format_disk', libraryId: 1 }, /type/],
    ['photos.deleteForever', { imageHashes: [HASH] }, /confirmed/],
    ['libraries.remove', { libraryId: 1, confirmed: 'yes' }, /confirmed/],
    ['jobs.cancel', { jobId: 'not-a-uuid' }, /jobId/],
    ['stats.get', null, /request|expected object/i],
    ['stats.get', 'hello', /request|expected object/i],
    ['stats.get', [1, 2], /request|expected object/i],
    ['libraries.list', { extra: true }, /extra|Unrecognized/i],
  ];
  for (const [command, request, mentions] of badRequests) {
    it(`rejects ${command} ${JSON.stringify(request)} with bad_request`, async () => {
      const calls: { command: string; request: unknown }[] = [];
      const result = await createDispatcher(echoTable(calls))(command, request);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.code, 'bad_request');
      assert.match(result.error.message, new RegExp(`^Invalid request for ${command.replace('.', '\\.')}: `));
      assert.match(result.error.message, mentions);
      assert.equal(calls.length, 0, 'the handler must not run');
    });
  }

  it('accepts delete_missing only with confirmed: true', async () => {
    const result = await createDispatcher(echoTable())('jobs.start', { type: 'delete_missing', libraryId: 1, confirmed: true });
    assert.deepEqual(result, { ok: true, value: { echoed: { type: 'delete_missing', libraryId: 1, confirmed: true, includeOffline: false } } });
  });

  it('keeps the contract code of a coded error (the core CoreError is duck-typed on .code)', async () => {
    class CoreError extends Error {
      readonly code = 'not_found';
    }
    const table = { ...echoTable(), 'photos.get': async () => { throw new CoreError('No photo with that hash'); } };
    const result = await createDispatcher(table)('photos.get', { imageHash: HASH });
    assert.deepEqual(result, { ok: false, error: { code: 'not_found', message: 'No photo with that hash' } });
    const conflict = await createDispatcher({ ...echoTable(), 'roots.add': () => { throw new AppFailure('conflict', 'Already a root'); } })(
      'roots.add',
      { libraryId: 1, path: '/photos' },
    );
    assert.deepEqual(conflict, { ok: false, error: { code: 'conflict', message: 'Already a root' } });
  });

  it('maps any other thrown value to internal with its message and no stack', async () => {
    const cases: [unknown, string][] = [
      [new TypeError('boom'), 'boom'],
      [Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }), 'disk I/O error'],
      ['a string', 'a string'],
      [undefined, 'Unexpected error'],
    ];
    for (const [thrown, message] of cases) {
      const result = await createDispatcher({ ...echoTable(), 'stats.get': () => { throw thrown; } })('stats.get', {});
      assert.deepEqual(result, { ok: false, error: { code: 'internal', message } });
      assert.ok(!JSON.stringify(result).includes('at '), 'no stack frames');
    }
  });
});

describe('the door never echoes a request back whole', () => {
  it('bounds the message of a request with a 1,000,000-character key, and of a long handler error', async () => {
    const dispatch = createDispatcher({
      ...echoTable(),
      'stats.get': () => {
        throw new AppFailure('bad_request', `No library named ${'y'.repeat(1_000_000)}`);
      },
    });
    const hugeKey = 'x'.repeat(1_000_000);
    const answer = await dispatch('libraries.list', { [hugeKey]: 1 });
    assert.equal(answer.ok, false);
    if (!answer.ok) {
      assert.equal(answer.error.code, 'bad_request');
      assert.ok(answer.error.message.length <= 1100, `message of ${answer.error.message.length} characters`);
      assert.match(answer.error.message, /… \(1,000,0\d\d characters\)/);
    }
    const thrown = await dispatch('stats.get', {});
    assert.ok(!thrown.ok && thrown.error.message.length <= 1100 && thrown.error.code === 'bad_request');
  });
});
