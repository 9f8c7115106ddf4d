/**
 * The door under malformed input: seeded random requests for every command of the contract, sent
 * through the real dispatcher over the real core. Every one gets a typed, bounded error — no throw,
 * no crash, no change to the library — and the process keeps answering.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMMAND_NAMES } from '../../src-shared/contract.ts';
import { requestSchemas } from '../../src-shared/request-schemas.ts';
import { CORPUS_JPG } from '../../test/support/run-cli.ts';
import { openKeepsake, type Keepsake } from '../core/keepsake.ts';
import { ERROR_CODES } from './app-failure.ts';
import { createDispatcher, type Dispatcher } from './dispatcher.ts';
import { buildHandlerTable } from './handler-table.ts';
import { createShellCommandHandlers } from './shell-commands.ts';

/** Mulberry32: a small seeded generator, so a failure can be replayed with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env['KEEPSAKE_FUZZ_SEED'] ?? 20261201);
const PER_COMMAND = Number(process.env['KEEPSAKE_FUZZ_COUNT'] ?? 60);
const KEYS = ['libraryId', 'imageHash', 'imageHashes', 'fileHash', 'jobId', 'type', 'confirmed', 'path', 'from', 'to', 'offset', 'limit', 'probe', 'rating', 'caption', 'title', 'albumId', 'matchId', 'accept', 'view', 'kind', 'folder', 'rootId', 'name', 'folders', 'includeOffline', '__proto__', 'constructor'];

function value(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 14);
  switch (pick) {
    case 0: return null;
    case 1: return undefined;
    case 2: return Math.floor(next() * 2 ** 31) * (next() < 0.5 ? -1 : 1);
    case 3: return next() * 1e308;
    case 4: return Number.NaN;
    case 5: return next() < 0.5;
    case 6: return 'x'.repeat(Math.floor(next() * 5000));
    case 7: return '../../etc/passwd';
    case 8: return 'a'.repeat(32) + String(Math.floor(next() * 9));
    case 9: return ['scan_photos', 'delete_missing', 'scan_missing', 'trash', 'all', 'missing'][Math.floor(next() * 6)];
    case 10: return depth > 2 ? [] : Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    case 11: return depth > 2 ? {} : request(next, depth + 1);
    case 12: return '\u0000\ud800';
    default: return { toString: 'boom' };
  }
}

function request(next: () => number, depth = 0): unknown {
  if (depth === 0 && next() < 0.1) return value(next, 1);
  const out: Record<string, unknown> = {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) Object.defineProperty(out, KEYS[Math.floor(next() * KEYS.length)] as string, { value: value(next, depth), enumerable: true, configurable: true, writable: true });
  return out;
}

let dir: string;
let core: Keepsake;
let dispatch: Dispatcher;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keepsake-fuzz-'));
  await mkdir(join(dir, 'photos'));
  for (const name of ['Canon_40D.jpg', 'Nikon_D70.jpg']) await copyFile(join(CORPUS_JPG, name), join(dir, 'photos', name));
  core = openKeepsake({ dataDir: join(dir, 'data'), workers: 1 });
  dispatch = createDispatcher(
    buildHandlerTable(core.handlers, createShellCommandHandlers(core, { pickFolder: async () => null, pickFile: async () => null, showItemInFolder: () => undefined, openPath: async () => '', logFile: null })),
  );
  const library = await dispatch('libraries.add', { name: 'Fuzz', folders: [join(dir, 'photos')] });
  assert.ok(library.ok);
  const started = await dispatch('jobs.start', { type: 'scan_photos', libraryId: 1 });
  assert.ok(started.ok);
  await core.waitForJob((started.value as { jobId: string }).jobId);
});
after(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

const snapshot = () => core.db.prepare('SELECT (SELECT count(*) FROM libraries), (SELECT count(*) FROM roots), (SELECT count(*) FROM photos), (SELECT count(*) FROM files), (SELECT count(*) FROM albums)').raw().get();

describe('the door under malformed requests', () => {
  it(`answers ${PER_COMMAND} malformed requests per command (seed ${SEED}) with typed, bounded errors and changes nothing`, async () => {
    const next = random(SEED);
    const before = snapshot();
    let sent = 0;
    for (const command of COMMAND_NAMES) {
      for (let i = 0; i < PER_COMMAND; i++) {
        const body = request(next);
        // Only what the contract refuses: a valid request may legitimately change the library.
        if (requestSchemas[command].safeParse(body).success) continue;
        const answer = await dispatch(command, body);
        sent++;
        assert.equal(answer.ok, false, `${command} accepted ${JSON.stringify(body)?.slice(0, 200)}`);
        if (!answer.ok) {
          assert.ok(ERROR_CODES.includes(answer.error.code), `${command}: code ${answer.error.code}`);
          assert.equal(answer.error.code, 'bad_request');
          assert.ok(answer.error.message.length <= 1100, `${command}: a message of ${answer.error.message.length} characters`);
        }
      }
      // And names that are not commands.
      const unknown = await dispatch(`${command}.nope`, {});
      assert.equal(unknown.ok, false);
    }
    assert.ok(sent > COMMAND_NAMES.length * PER_COMMAND * 0.5, `only ${sent} malformed requests were generated`);
    assert.deepEqual(snapshot(), before, 'the library is untouched');
    const still = await dispatch('libraries.list', {});
    assert.ok(still.ok, 'the door still answers');
  });
});
