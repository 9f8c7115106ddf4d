import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDataDir } from './default-data-dir.ts';

test('Linux uses $XDG_CONFIG_HOME/Keepsake when set', () => {
  assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/ann'), '/x/cfg/Keepsake');
});

test('Linux falls back to ~/.config/Keepsake (empty XDG_CONFIG_HOME counts as unset)', () => {
  assert.equal(defaultDataDir('linux', {}, '/home/ann'), '/home/ann/.config/Keepsake');
  assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/ann'), '/home/ann/.config/Keepsake');
});

test('macOS uses ~/Library/Application Support/Keepsake', () => {
  assert.equal(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ann'), '/Users/ann/Library/Application Support/Keepsake');
});

test('Windows uses %APPDATA%\\Keepsake', () => {
  assert.equal(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'), 'C:\\Users\\ann\\AppData\\Roaming\\Keepsake');
  assert.equal(defaultDataDir('win32', {}, 'C:\\Users\\ann'), 'C:\\Users\\ann\\AppData\\Roaming\\Keepsake');
});
