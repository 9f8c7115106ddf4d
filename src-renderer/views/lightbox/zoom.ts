/**
 * The viewer's zoom as plain numbers: a scale (1 = one image pixel per CSS pixel, "100%") and where
 * the image's top-left corner sits in its frame. Fit never enlarges a picture past its own pixels;
 * zooming keeps the point under the cursor in place; an image smaller than the frame is centred,
 * a larger one cannot be dragged away from the frame's edges.
 */

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface ZoomState {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
  /** Following the frame's size (fit) rather than a scale the user chose. */
  readonly fit: boolean;
}

/** The largest zoom: 8 image pixels per screen pixel. */
export const MAX_SCALE = 8;
/** One keyboard or button step. */
export const ZOOM_STEP = 1.25;

/** The scale that shows the whole image in the frame, never above 100%. */
export function fitScale(image: Size, frame: Size): number {
  if (image.width <= 0 || image.height <= 0 || frame.width <= 0 || frame.height <= 0) return 1;
  return Math.min(1, frame.width / image.width, frame.height / image.height);
}

/** Keeps the image centred on an axis where it is smaller than the frame, and covering the frame where it is larger. */
function clampAxis(offset: number, imageLength: number, frameLength: number): number {
  if (imageLength <= frameLength) return (frameLength - imageLength) / 2;
  return Math.min(0, Math.max(frameLength - imageLength, offset));
}

/** `state` with its offsets clamped to the frame. */
export function clamp(state: ZoomState, image: Size, frame: Size): ZoomState {
  return {
    ...state,
    x: clampAxis(state.x, image.width * state.scale, frame.width),
    y: clampAxis(state.y, image.height * state.scale, frame.height),
  };
}

/** The whole image, centred. */
export function fitted(image: Size, frame: Size): ZoomState {
  return clamp({ scale: fitScale(image, frame), x: 0, y: 0, fit: true }, image, frame);
}

/**
 * Zoomed to `scale` (bounded by fit and MAX_SCALE) around the frame point `at` (the cursor; the
 * frame's centre by default): the image point under it stays under it.
 */
export function zoomTo(state: ZoomState, scale: number, image: Size, frame: Size, at?: { x: number; y: number }): ZoomState {
  const min = fitScale(image, frame);
  const next = Math.min(MAX_SCALE, Math.max(min, scale));
  const point = at ?? { x: frame.width / 2, y: frame.height / 2 };
  const ratio = next / state.scale;
  const zoomed = { scale: next, x: point.x - (point.x - state.x) * ratio, y: point.y - (point.y - state.y) * ratio, fit: Math.abs(next - min) < 1e-6 };
  return clamp(zoomed, image, frame);
}

/** Double-click: from fit to 100% at the cursor (200% for a picture that fits at 100%), and back. */
export function toggleZoom(state: ZoomState, image: Size, frame: Size, at?: { x: number; y: number }): ZoomState {
  const min = fitScale(image, frame);
  if (state.scale > min + 1e-6) return fitted(image, frame);
  return zoomTo(state, min < 1 - 1e-6 ? 1 : 2, image, frame, at);
}

/** Dragged by (dx, dy) screen pixels. */
export function panBy(state: ZoomState, dx: number, dy: number, image: Size, frame: Size): ZoomState {
  return clamp({ ...state, x: state.x + dx, y: state.y + dy }, image, frame);
}

/** The wheel's zoom factor for one event (pixels, lines or pages of scroll). */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, pixels)) * 0.002);
}
