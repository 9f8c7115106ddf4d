import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CameraInfo } from './domain.ts';
import { apertureText, cameraName, dimensionsText, exposureText, focalLengthText, shutterText } from './photo-info-text.ts';

const camera = (fields: Partial<CameraInfo>): CameraInfo => ({
  make: null, model: null, lens: null, exposureTimeS: null, fNumber: null, iso: null, focalLengthMm: null, focalLength35mmMm: null, flash: null, ...fields,
});

describe('the Info panel in words', () => {
  it('names the camera once when the model already names its maker', () => {
    assert.equal(cameraName('Canon', 'Canon EOS 40D'), 'Canon EOS 40D');
    assert.equal(cameraName('NIKON CORPORATION', 'NIKON D70'), 'NIKON D70');
    assert.equal(cameraName('Apple', 'iPhone 11 Pro Max'), 'Apple iPhone 11 Pro Max');
    assert.equal(cameraName('Canon', null), 'Canon');
    assert.equal(cameraName(null, null), null);
  });
  it('says the exposure as photographers do', () => {
    assert.equal(shutterText(0.00625), '1/160 s');
    assert.equal(shutterText(0.0025575447570332483), '1/391 s');
    assert.equal(shutterText(0.5), '0.5 s');
    assert.equal(shutterText(2), '2 s');
    assert.equal(apertureText(7.1), 'f/7.1');
    assert.equal(apertureText(1.7999999), 'f/1.8');
    assert.equal(exposureText(camera({ exposureTimeS: 0.00625, fNumber: 7.1, iso: 100 })), '1/160 s at f/7.1, ISO 100');
    assert.equal(exposureText(camera({ fNumber: 2.8 })), 'f/2.8');
    assert.equal(exposureText(camera({ iso: 400 })), 'ISO 400');
    assert.equal(exposureText(camera({})), null);
  });
  it('gives the focal length with its 35 mm equivalent when the camera wrote one', () => {
    assert.equal(focalLengthText(camera({ focalLengthMm: 135 })), '135 mm');
    assert.equal(focalLengthText(camera({ focalLengthMm: 4.25, focalLength35mmMm: 26 })), '4.25 mm (26 mm in 35 mm terms)');
    assert.equal(focalLengthText(camera({ focalLengthMm: 50, focalLength35mmMm: 50 })), '50 mm');
    assert.equal(focalLengthText(camera({})), null);
  });
  it('gives the dimensions in pixels, with megapixels for real photos', () => {
    assert.equal(dimensionsText(100, 68), '100 × 68 px');
    assert.equal(dimensionsText(3264, 2448), '3264 × 2448 px (8.0 MP)');
  });
});
