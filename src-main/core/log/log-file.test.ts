import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { logFileOf, openLogFile } from './log-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'keepsake-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the log file', () => {
  it('writes JSON lines into the data folder, and stays a few MB however much is logged', async () => {
    const { log, path, close } = openLogFile(dir, 'app');
    assert.equal(path, logFileOf(dir, 'app'));
    log.info({ jobId: 'j1' }, 'job started');
    const filler = 'x'.repeat(1000);
    for (let i = 0; i < 9000; i++) log.info({ i, filler }, 'a line');
    log.error({ err: new Error('the drive went away') }, 'job failed');
    await close();
    const files = readdirSync(join(dir, 'logs')).filter((name) => !name.endsWith('.history'));
    const total = files.reduce((sum, name) => sum + statSync(join(dir, 'logs', name)).size, 0);
    assert.ok(files.length <= 4, `the current file and at most 3 old ones: ${files.join(', ')}`);
    assert.ok(total < 4 * 1024 * 1024, `${total} bytes in all`);
    const last = readFileSync(path, 'utf8').trim().split('\n').at(-1) as string;
    const line = JSON.parse(last) as { msg: string; level: number; err: { message: string }; pid: number; kind: string };
    assert.equal(line.msg, 'job failed');
    assert.equal(line.err.message, 'the drive went away');
    assert.equal(line.kind, 'app');
    assert.equal(line.pid, process.pid);
  });
});
