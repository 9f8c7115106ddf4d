import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeViews } from './merge-views.ts';
import { makeView, viewOfFile, writeFor, type SidecarView } from './sidecar-view.ts';
import { readSidecarXmp, writeSidecarXmp } from './sidecar-xmp.ts';

const view = (fields: Partial<Parameters<typeof makeView>[0]> = {}): SidecarView =>
  makeView({ rating: 0, caption: '', label: '', albums: [], keywords: [], faces: [], ...fields });

describe('the three-way merge of a sidecar', () => {
  const base = view({ rating: 3, caption: 'Beach', albums: ['Trip'], keywords: ['sea'] });

  it('takes each field from the side that changed it', () => {
    const keepsake = view({ rating: 3, caption: 'Beach at dawn', albums: ['Trip'], keywords: ['sea'] });
    const file = view({ rating: 5, caption: 'Beach', albums: ['Trip'], keywords: ['sea'], label: 'Red' });
    const { result, fromFile } = mergeViews(keepsake, file, base, false);
    assert.deepEqual([result.rating, result.caption, result.label], [5, 'Beach at dawn', 'Red']);
    assert.deepEqual(fromFile, ['rating', 'label']);
  });

  it('gives a field both sides changed to the newer side', () => {
    const keepsake = view({ rating: 1, caption: 'Beach', albums: ['Trip'], keywords: ['sea'] });
    const file = view({ rating: 4, caption: 'Beach', albums: ['Trip'], keywords: ['sea'] });
    assert.equal(mergeViews(keepsake, file, base, true).result.rating, 1);
    assert.equal(mergeViews(keepsake, file, base, false).result.rating, 4);
  });

  it('merges albums and keywords entry by entry: additions of both sides kept, removals of either side honoured', () => {
    const keepsake = view({ rating: 3, caption: 'Beach', albums: ['Trip', 'Family'], keywords: [] });
    const file = view({ rating: 3, caption: 'Beach', albums: [], keywords: ['sea', 'Paris'] });
    const { result } = mergeViews(keepsake, file, base, true);
    assert.deepEqual(result.albums, ['Family']);
    assert.deepEqual(result.keywords, ['Paris']);
  });

  it('with no base, the file fills what Keepsake lacks, lists are joined and a real disagreement goes to the newer side', () => {
    const keepsake = view({ rating: 0, caption: 'Mine', albums: ['Trip'] });
    const file = view({ rating: 2, caption: 'Theirs', albums: ['Other'], keywords: ['k'] });
    const older = mergeViews(keepsake, file, null, true).result;
    assert.deepEqual([older.rating, older.caption, older.albums, older.keywords], [2, 'Mine', ['Other', 'Trip'], ['k']]);
    assert.equal(mergeViews(keepsake, file, null, false).result.caption, 'Theirs');
  });

  it('nothing comes from a file that says the same as Keepsake', () => {
    assert.deepEqual(mergeViews(base, base, null, false).fromFile, []);
    assert.deepEqual(mergeViews(base, base, base, false).fromFile, []);
  });
});

describe('writing a view into a file’s own lists', () => {
  it('keeps the file’s order and other entries, adds Keepsake’s, and takes out a keyword from both lists', () => {
    const text = writeSidecarXmp(null, {
      rating: null, label: '', caption: '', faces: [], dimensions: null,
      subjects: ['Paris', 'Summer', 'sea'],
      hierarchical: ['Places|France|Paris', 'Keepsake|Albums|Summer', 'Nature|sea'],
    });
    const file = readSidecarXmp(text);
    const before = viewOfFile(file);
    assert.deepEqual([before.albums, before.keywords], [['Summer'], ['Paris', 'sea']]);
    const write = writeFor(view({ albums: ['Summer', 'Family'], keywords: ['Paris'] }), file, null);
    assert.deepEqual(write.subjects, ['Paris', 'Summer', 'Family']);
    assert.deepEqual(write.hierarchical, ['Places|France|Paris', 'Keepsake|Albums|Summer', 'Keepsake|Albums|Family']);
    assert.equal(write.rating, null, 'an unrated photo puts no rating into a file that has none');
  });
});
