import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHORTCUTS, comboKeys, comboText, matchesShortcut, menuAccelerator, type KeyEventLike } from './keyboard-shortcuts.ts';

const press = (key: string, mods: Partial<Omit<KeyEventLike, 'key'>> = {}): KeyEventLike => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the keyboard shortcuts list', () => {
  it('has unique ids, and every shortcut has keys or a gesture', () => {
    assert.equal(new Set(SHORTCUTS.map((s) => s.id)).size, SHORTCUTS.length);
    for (const s of SHORTCUTS) assert.ok(s.keys.length > 0 || ('gesture' in s && s.gesture), s.id);
  });
  it('matches keys with ⌘ on macOS and Ctrl elsewhere', () => {
    assert.ok(matchesShortcut('showShortcuts', press('?', { shiftKey: true }), 'other'));
    assert.ok(matchesShortcut('showShortcuts', press('/', { ctrlKey: true }), 'other'));
    assert.ok(matchesShortcut('showShortcuts', press('/', { metaKey: true }), 'mac'));
    assert.ok(!matchesShortcut('showShortcuts', press('/', { ctrlKey: true }), 'mac'));
    assert.ok(!matchesShortcut('showShortcuts', press('/'), 'other'));
    assert.ok(matchesShortcut('gridSelectAll', press('A', { ctrlKey: true, shiftKey: false }), 'other'));
    assert.ok(!matchesShortcut('gridSelectAll', press('a'), 'other'));
  });
  it('tells F5 from Shift+F5, and takes "+" typed with Shift', () => {
    assert.ok(matchesShortcut('scanPhotos', press('F5'), 'other'));
    assert.ok(!matchesShortcut('scanPhotos', press('F5', { shiftKey: true }), 'other'));
    assert.ok(matchesShortcut('scanMissing', press('F5', { shiftKey: true }), 'other'));
    assert.ok(matchesShortcut('viewerZoomIn', press('+', { shiftKey: true }), 'other'));
    assert.ok(matchesShortcut('viewerZoomIn', press('='), 'other'));
    assert.ok(matchesShortcut('viewerZoomOut', press('-'), 'other'));
    assert.ok(matchesShortcut('viewerFit', press('0'), 'other'));
    assert.ok(!matchesShortcut('viewerFit', press('0', { ctrlKey: true }), 'other'));
    assert.ok(!matchesShortcut('viewerInfo', press('i', { altKey: true }), 'other'));
  });
  it('shows keys as the platform names them, and gives the menu its accelerators', () => {
    assert.deepEqual(comboKeys({ key: 'o', mod: true }, 'mac'), ['⌘', 'O']);
    assert.equal(comboText({ key: 'o', mod: true }, 'other'), 'Ctrl+O');
    assert.equal(comboText({ key: 'F5', shift: true }, 'other'), 'Shift+F5');
    assert.equal(comboText({ key: 'ArrowLeft' }, 'other'), '←');
    assert.equal(menuAccelerator('addFolder'), 'CmdOrCtrl+O');
    assert.equal(menuAccelerator('scanMissing'), 'Shift+F5');
    assert.equal(menuAccelerator('showShortcuts'), 'CmdOrCtrl+/');
    assert.equal(menuAccelerator('viewerZoomIn'), undefined);
  });
});
