/**
 * The viewer's Info panel in words: the camera named once, the shutter as a fraction ("1/160 s"),
 * the aperture as an f-number ("f/7.1"), sizes in pixels and megapixels. Shared, so the CLI or a
 * test says it the same way.
 */
import type { CameraInfo } from './domain.ts';

/** "Canon" + "Canon EOS 40D" is "Canon EOS 40D"; "Apple" + "iPhone 11 Pro Max" is "Apple iPhone 11 Pro Max". */
export function cameraName(make: string | null, model: string | null): string | null {
  if (model === null) return make;
  if (make === null) return model;
  const brand = make.split(/\s+/)[0] ?? make;
  return model.toLowerCase().startsWith(brand.toLowerCase()) ? model : `${make} ${model}`;
}

/** A shutter speed: 0.00625 → "1/160 s", 0.4 → "0.4 s", 2 → "2 s". */
export function shutterText(seconds: number): string {
  if (seconds >= 0.3) return `${Number(seconds.toFixed(1))} s`;
  return `1/${Math.round(1 / seconds)} s`;
}

/** An aperture: 7.1 → "f/7.1", 2 → "f/2". */
export const apertureText = (fNumber: number): string => `f/${Number(fNumber.toFixed(1))}`;

/** The exposure in one line: "1/160 s at f/7.1, ISO 100" (what the camera wrote of it), or null. */
export function exposureText(camera: CameraInfo): string | null {
  const parts: string[] = [];
  if (camera.exposureTimeS !== null) parts.push(shutterText(camera.exposureTimeS));
  if (camera.fNumber !== null) parts.push(parts.length > 0 ? `at ${apertureText(camera.fNumber)}` : apertureText(camera.fNumber));
  const first = parts.join(' ');
  if (camera.iso === null) return first === '' ? null : first;
  return first === '' ? `ISO ${camera.iso}` : `${first}, ISO ${camera.iso}`;
}

/** A focal length: "135 mm", or "4.25 mm (26 mm in 35 mm terms)". */
export function focalLengthText(camera: CameraInfo): string | null {
  if (camera.focalLengthMm === null) return camera.focalLength35mmMm === null ? null : `${camera.focalLength35mmMm} mm in 35 mm terms`;
  const own = `${Number(camera.focalLengthMm.toFixed(2))} mm`;
  return camera.focalLength35mmMm === null || camera.focalLength35mmMm === camera.focalLengthMm ? own : `${own} (${camera.focalLength35mmMm} mm in 35 mm terms)`;
}

/** Dimensions: "3264 × 2448 px (8.0 MP)"; small pictures without the megapixels. */
export function dimensionsText(width: number, height: number): string {
  const pixels = width * height;
  return pixels >= 100_000 ? `${width} × ${height} px (${(pixels / 1_000_000).toFixed(1)} MP)` : `${width} × ${height} px`;
}
