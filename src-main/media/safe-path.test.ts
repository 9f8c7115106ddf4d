import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isInside, resolveInside } from './safe-path.ts';

describe('resolveInside', () => {
  const root = join('/srv', 'renderer');
  it('maps plain and encoded names inside the root', () => {
    assert.equal(resolveInside(root, '/index.html'), join(root, 'index.html'));
    assert.equal(resolveInside(root, '/assets/a%20b.js'), join(root, 'assets', 'a b.js'));
    assert.equal(resolveInside(root, '/..hidden'), join(root, '..hidden'));
  });
  for (const path of ['/../secret', '/%2e%2e/secret', '/%2E%2E/secret', '/assets/..%2f..%2fsecret', '/..%5csecret', '/a/%2e%2e%2f%2e%2e%2fsecret', '/%00', '/%E0%A4%A', '/./x', '/%2e/x']) {
    it(`refuses ${path}`, () => assert.equal(resolveInside(root, path), null));
  }
  it('isInside tells the root and its children from everything else', () => {
    assert.equal(isInside(root, root), true);
    assert.equal(isInside(root, join(root, 'a', 'b')), true);
    assert.equal(isInside(root, join('/srv', 'renderer-evil')), false);
    assert.equal(isInside(root, '/srv'), false);
  });
});
