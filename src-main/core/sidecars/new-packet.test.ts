import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newPacket, newPacketThroughDom } from './new-packet.ts';
import { readSidecarXmp, type SidecarWrite } from './sidecar-xmp.ts';

const TRICKY = ['Grandma’s garden & <the> "roses" > all', 'tab\there, line\nbreak\r\nand ]]> too', '&amp; already', '\uE000 0 \uE001 private use', 'emoji 🌹 and ünïcödé', "it's"];

const write = (value: string, i: number): SidecarWrite => ({
  rating: i % 6,
  label: i % 2 === 0 ? value : '',
  caption: value,
  subjects: [value, `plain ${i}`],
  hierarchical: [`Keepsake|Albums|${value}`],
  faces: [
    { x: 0.1 + i / 100, y: 0.2, w: 0.3, h: 0.25, name: value },
    { x: 0.5, y: 0.5, w: 1 / 3, h: 0.1, name: null },
  ],
  dimensions: { width: 640 + i, height: 480 },
});

describe('new sidecar packets', () => {
  it('are byte for byte what xmldom serializes from the filled-in template, for values that need escaping', () => {
    TRICKY.forEach((value, i) => {
      const wanted = write(value, i);
      assert.equal(newPacket(wanted), newPacketThroughDom(wanted), JSON.stringify(value));
    });
  });

  it('read back as the values written, shape after shape', () => {
    const shapes: SidecarWrite[] = [
      { rating: null, label: '', caption: '', subjects: [], hierarchical: [], faces: [], dimensions: null },
      { rating: 3, label: '', caption: 'only a caption & a rating', subjects: [], hierarchical: [], faces: [], dimensions: null },
      ...TRICKY.map(write),
    ];
    for (const wanted of shapes) {
      const read = readSidecarXmp(newPacket(wanted));
      assert.equal(read.rating, wanted.rating);
      assert.equal(read.caption, wanted.caption === '' ? null : wanted.caption);
      assert.deepEqual(read.subjects, wanted.subjects);
      assert.deepEqual(read.hierarchical, wanted.hierarchical);
      assert.deepEqual(read.faces.map((face) => face.name), wanted.faces.map((face) => face.name));
    }
  });
});
