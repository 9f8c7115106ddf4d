/**
 * A picture in the viewer that zooms: fit to the window or 100% (the buttons, double-click, 0),
 * the wheel zooms around the cursor, + / − step, and a zoomed picture is dragged to pan. The image
 * element keeps the viewer's test id and source, so what the viewer shows is checked as before.
 */
import { UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { matchesShortcut } from '../../../src-shared/keyboard-shortcuts.ts';
import { isTypingTarget, PLATFORM } from '../../lib/keyboard.ts';
import { clamp, fitted, panBy, toggleZoom, wheelFactor, zoomTo, ZOOM_STEP, type Size, type ZoomState } from './zoom.ts';

interface ZoomableImageProps {
  readonly src: string;
  readonly alt: string;
  /** 'file' (the original) or 'preview' (made by Keepsake for a format Chromium cannot show). */
  readonly source: 'file' | 'preview';
  readonly onError: () => void;
}

/** The zoomable picture; give it `key={src}` so a new picture starts at fit. */
export function ZoomableImage({ src, alt, source, onError }: ZoomableImageProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const [frame, setFrame] = useState<Size>({ width: 0, height: 0 });
  const [natural, setNatural] = useState<Size | null>(null);
  const [zoom, setZoom] = useState<ZoomState | null>(null);
  const [dragging, setDragging] = useState(false);
  const latest = useRef({ zoom, natural, frame });
  latest.current = { zoom, natural, frame };

  useLayoutEffect(() => {
    const element = frameRef.current;
    if (element === null) return;
    const measure = () => setFrame({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new frame size keeps a fitted picture fitted, and a zoomed one inside the frame.
  useEffect(() => {
    if (natural === null || frame.width === 0 || frame.height === 0) return;
    setZoom((current) => (current === null || current.fit ? fitted(natural, frame) : clamp(current, natural, frame)));
  }, [natural, frame]);

  /** Applies a zoom change once the picture's size is known. */
  const change = useCallback((next: (state: ZoomState, image: Size, frame: Size) => ZoomState) => {
    const { zoom: state, natural: image, frame: box } = latest.current;
    if (state === null || image === null) return;
    setZoom(next(state, image, box));
  }, []);

  // The wheel zooms around the cursor (a non-passive listener: the page must not scroll instead).
  useEffect(() => {
    const element = frameRef.current;
    if (element === null) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const at = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      change((state, image, box) => zoomTo(state, state.scale * wheelFactor(event.deltaY, event.deltaMode), image, box, at));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [change]);

  // + / − / 0, from the one shortcuts list.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (matchesShortcut('viewerZoomIn', event, PLATFORM)) change((state, image, box) => zoomTo(state, state.scale * ZOOM_STEP, image, box));
      else if (matchesShortcut('viewerZoomOut', event, PLATFORM)) change((state, image, box) => zoomTo(state, state.scale / ZOOM_STEP, image, box));
      else if (matchesShortcut('viewerFit', event, PLATFORM)) change((_state, image, box) => fitted(image, box));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [change]);

  const drag = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const zoomedIn = zoom !== null && !zoom.fit;
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!zoomedIn || event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    setDragging(true);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start === null || start.pointerId !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    drag.current = { ...start, x: event.clientX, y: event.clientY };
    change((state, image, box) => panBy(state, dx, dy, image, box));
  };
  const endDrag = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== event.pointerId) return;
    drag.current = null;
    setDragging(false);
  };

  const scale = zoom?.scale ?? null;
  const oneToOne = scale !== null && Math.abs(scale - 1) < 1e-6;
  const percent = scale === null ? null : Math.round(scale * 100);
  const placed = zoom !== null && natural !== null;
  return (
    <div
      ref={frameRef}
      className="ks-zoom-frame"
      data-testid="zoom-frame"
      data-zoom={scale === null ? undefined : scale.toFixed(4)}
      data-fit={zoom?.fit ? 'true' : 'false'}
      data-cursor={dragging ? 'grabbing' : zoomedIn ? 'grab' : 'zoom-in'}
      onDoubleClick={(event) => {
        const rect = event.currentTarget.getBoundingClientRect();
        const at = { x: event.clientX - rect.left, y: event.clientY - rect.top };
        change((state, image, box) => toggleZoom(state, image, box, at));
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    >
      <img
        className="ks-media"
        src={src}
        alt={alt}
        draggable={false}
        onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
        onError={onError}
        data-testid="lightbox-image"
        data-source={source}
        style={
          placed
            ? { position: 'absolute', left: 0, top: 0, maxWidth: 'none', maxHeight: 'none', width: natural.width * zoom.scale, height: natural.height * zoom.scale, transform: `translate(${zoom.x}px, ${zoom.y}px)` }
            : undefined
        }
      />
      {placed && (
        // Its own plain buttons: the viewer's ground is dark in both schemes.
        <div className="ks-zoom-bar" role="group" aria-label="Zoom" onDoubleClick={(event) => event.stopPropagation()} onPointerDown={(event) => event.stopPropagation()}>
          <UnstyledButton className="ks-zoom-button" aria-label="Zoom out" disabled={zoom.fit} onClick={() => change((state, image, box) => zoomTo(state, state.scale / ZOOM_STEP, image, box))}>
            −
          </UnstyledButton>
          <span className="ks-zoom-level" data-testid="zoom-level">
            {percent}%
          </span>
          <UnstyledButton className="ks-zoom-button" aria-label="Zoom in" onClick={() => change((state, image, box) => zoomTo(state, state.scale * ZOOM_STEP, image, box))}>
            +
          </UnstyledButton>
          <UnstyledButton className="ks-zoom-button" aria-pressed={zoom.fit} onClick={() => change((_state, image, box) => fitted(image, box))}>
            Fit
          </UnstyledButton>
          <UnstyledButton className="ks-zoom-button" aria-pressed={oneToOne} onClick={() => change((state, image, box) => zoomTo(state, 1, image, box))}>
            100%
          </UnstyledButton>
        </div>
      )}
    </div>
  );
}
