import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameStem, stemOf, stemRange } from './file-stem.ts';

describe('stemOf', () => {
  it('ties a picture, its RAW and both sidecar styles together', () => {
    assert.equal(stemOf('/a/IMG_1.JPG'), 'IMG_1');
    assert.equal(stemOf('/a/IMG_1.CR2'), 'IMG_1');
    assert.equal(stemOf('/a/IMG_1.xmp'), 'IMG_1');
    assert.equal(stemOf('/a/IMG_1.JPG.xmp'), 'IMG_1');
    assert.equal(stemOf('/a/my.trip.jpg'), 'my.trip');
  });
  it('gives an index range holding exactly the same-stem names (and filters the rest)', () => {
    const { folder, stem, low, high } = stemRange('/a/IMG_1.jpg');
    for (const path of ['/a/IMG_1.nef', '/a/IMG_1.jpg.xmp']) assert.ok(path >= low && path < high && sameStem(path, folder, stem), path);
    assert.ok(!('/a/IMG_10.jpg' >= low && '/a/IMG_10.jpg' < high));
    assert.ok(!sameStem('/a/IMG_1.x.jpg', folder, stem));
    assert.ok(!sameStem('/b/IMG_1.nef', folder, stem));
  });
});
