/**
 * Lightbox (full-screen modal): the photo or video played from the media scheme on a dark neutral
 * ground (the picture's own colours are judged against it), zoomable; and a side panel to rate,
 * caption, file into albums, read the photo's information, show in folder or trash it. Esc closes;
 * ←/→ go to the previous / next photo of the list it was opened from (keys: keyboard-shortcuts.ts).
 */
import { Alert, Group, Loader, Modal, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { PhotoDetail } from '../../../src-shared/domain.ts';
import { call, errorMessage } from '../../api/client.ts';
import { matchesShortcut } from '../../../src-shared/keyboard-shortcuts.ts';
import { baseName } from '../../lib/format.ts';
import { isTypingTarget, PLATFORM } from '../../lib/keyboard.ts';
import { useUi } from '../../stores/ui-store.ts';
import { MediaView } from './media-view.tsx';
import { PhotoSidePanel } from './photo-side-panel.tsx';

/** The lightbox, mounted once; opened through the UI store. */
export function Lightbox() {
  const lightbox = useUi((s) => s.lightbox);
  const close = useUi((s) => s.closeLightbox);
  const open = useUi((s) => s.openLightbox);
  const imageHash = lightbox?.imageHash ?? null;
  const [photo, setPhoto] = useState<PhotoDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (!imageHash) return;
    try {
      const detail = await call('photos.get', { imageHash });
      setPhoto((p) => (p === null || p.imageHash === detail.imageHash || p.imageHash !== imageHash ? detail : p));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [imageHash]);

  useEffect(() => {
    setPhoto(null);
    setError(null);
    void reload();
  }, [reload]);

  const go = useCallback(
    async (delta: 1 | -1) => {
      if (!lightbox?.neighbour) return;
      const next = await lightbox.neighbour(lightbox.imageHash, delta);
      if (next) open(next, lightbox.neighbour);
    },
    [lightbox, open],
  );

  useEffect(() => {
    if (!lightbox) return;
    const onKey = (event: KeyboardEvent) => {
      // Arrows inside text fields move the caret, not the photo (and on the rating's radios, the stars).
      if (event.defaultPrevented || isTypingTarget(event.target) || (event.target as HTMLElement | null)?.tagName === 'INPUT') return;
      if (matchesShortcut('viewerNext', event, PLATFORM)) void go(1);
      if (matchesShortcut('viewerPrevious', event, PLATFORM)) void go(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lightbox, go]);

  const shown = photo && photo.imageHash === imageHash ? photo : null;
  return (
    <Modal
      opened={lightbox !== null}
      onClose={close}
      fullScreen
      title={shown ? baseName(shown.mainPath) : 'Photo'}
      classNames={{ body: 'ks-lightbox-body', content: 'ks-lightbox-content' }}
      data-testid="lightbox"
      closeButtonProps={{ 'aria-label': 'Close' }}
      transitionProps={{ duration: 0 }}
    >
      {error && (
        <Alert color="red" title="Could not open the photo" role="alert">
          {error}
        </Alert>
      )}
      {!shown && !error && (
        <Group justify="center" p="xl">
          <Loader />
          <Text>Loading…</Text>
        </Group>
      )}
      {shown && (
        <div className="ks-lightbox">
          <div className="ks-lightbox-media">
            <MediaView photo={shown} />
            {lightbox?.neighbour && (
              <>
                <button type="button" className="ks-nav ks-nav-prev" aria-label="Previous photo" onClick={() => void go(-1)}>
                  ‹
                </button>
                <button type="button" className="ks-nav ks-nav-next" aria-label="Next photo" onClick={() => void go(1)}>
                  ›
                </button>
              </>
            )}
          </div>
          <PhotoSidePanel photo={shown} onChanged={reload} onTrashed={close} />
        </div>
      )}
    </Modal>
  );
}
