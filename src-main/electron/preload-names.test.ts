import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_NAMES, EVENT_NAMES, commandChannel, eventChannel } from '../../src-shared/contract.ts';
import { PRELOAD_COMMANDS, PRELOAD_EVENTS, preloadCommandChannel, preloadEventChannel } from './preload-names.ts';

describe('preload names', () => {
  it('lists exactly the contract commands and events', () => {
    assert.deepEqual([...PRELOAD_COMMANDS].sort(), [...COMMAND_NAMES].sort());
    assert.deepEqual([...PRELOAD_EVENTS].sort(), [...EVENT_NAMES].sort());
  });
  it('uses the contract channels', () => {
    for (const command of COMMAND_NAMES) assert.equal(preloadCommandChannel(command), commandChannel(command));
    for (const event of EVENT_NAMES) assert.equal(preloadEventChannel(event), eventChannel(event));
  });
});
