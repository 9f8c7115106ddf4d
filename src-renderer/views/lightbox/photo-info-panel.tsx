/**
 * The viewer's Info panel: camera, lens, exposure, focal length, dimensions, file size, capture
 * date, colour label (from a sidecar) and path (a video's length), from `photos.info` — the main file's EXIF read now when the
 * file is there, what the database knows when it is not (and why). `i` shows or hides it; the
 * choice is remembered.
 */
import { Alert, Loader, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PhotoDetail, PhotoInfo } from '../../../src-shared/domain.ts';
import { matchesShortcut } from '../../../src-shared/keyboard-shortcuts.ts';
import { cameraName, dimensionsText, exposureText, focalLengthText } from '../../../src-shared/photo-info-text.ts';
import { call, errorMessage } from '../../api/client.ts';
import { formatDuration, humanDate, humanSize } from '../../lib/format.ts';
import { isTypingTarget, PLATFORM } from '../../lib/keyboard.ts';

const OPEN_KEY = 'keepsake-viewer-info-open';

/** Whether the panel is shown, remembered across photos and launches. */
function useInfoOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    try {
      return window.localStorage.getItem(OPEN_KEY) !== 'false';
    } catch {
      return true;
    }
  });
  const set = (next: boolean) => {
    setOpen(next);
    try {
      window.localStorage.setItem(OPEN_KEY, String(next));
    } catch {
      // Not remembered: still shown or hidden for now.
    }
  };
  return [open, set];
}

/** One fact: a term and its value (rows without a value are left out). */
function Fact({ term, value, testId, mono = false }: { term: string; value: string | null; testId: string; mono?: boolean }) {
  if (value === null || value === '') return null;
  return (
    <div className="ks-info-row">
      <dt>{term}</dt>
      <dd data-testid={testId} className={mono ? 'ks-path' : undefined}>
        {mono ? <bdi dir="ltr">{value}</bdi> : value}
      </dd>
    </div>
  );
}

/** The facts of `info`. */
function Facts({ info }: { info: PhotoInfo }) {
  const camera = info.camera;
  const isVideo = info.type === 'VIDEO';
  return (
    <dl className="ks-info" data-testid="photo-info-facts">
      <Fact term="Camera" value={camera ? cameraName(camera.make, camera.model) : null} testId="info-camera" />
      <Fact term="Lens" value={camera?.lens ?? null} testId="info-lens" />
      <Fact term="Exposure" value={camera ? exposureText(camera) : null} testId="info-exposure" />
      <Fact term="Focal length" value={camera ? focalLengthText(camera) : null} testId="info-focal-length" />
      <Fact term="Flash" value={camera?.flash ?? null} testId="info-flash" />
      <Fact term="Length" value={isVideo && info.durationS !== null ? formatDuration(info.durationS) : null} testId="info-duration" />
      <Fact term="Dimensions" value={info.width !== null && info.height !== null ? dimensionsText(info.width, info.height) : null} testId="info-dimensions" />
      <Fact term="File size" value={info.fileSize === null ? null : humanSize(info.fileSize)} testId="info-size" />
      <Fact term="Taken" value={info.capturedAt === null ? null : humanDate(info.capturedAt)} testId="info-taken" />
      <Fact term="Colour label" value={info.colorLabel} testId="info-color-label" />
      <Fact term="Path" value={info.path} testId="info-path" mono />
    </dl>
  );
}

/** The Info section of the side panel. */
export function PhotoInfoPanel({ photo }: { photo: PhotoDetail }) {
  const [open, setOpen] = useInfoOpen();
  const [info, setInfo] = useState<PhotoInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { imageHash, mainFileHash, availability } = photo;

  useEffect(() => {
    let current = true;
    setInfo(null);
    setError(null);
    call('photos.info', { imageHash })
      .then((answer) => current && setInfo(answer))
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
    // Read again when the photo's main file or its availability changes (relinked, found missing).
  }, [imageHash, mainFileHash, availability]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target) || !matchesShortcut('viewerInfo', event, PLATFORM)) return;
      event.preventDefault();
      setOpen(!open);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  return (
    <section aria-labelledby="photo-info-title" data-testid="photo-info">
      <UnstyledButton className="ks-info-toggle" aria-expanded={open} aria-controls="photo-info-body" onClick={() => setOpen(!open)}>
        <h3 id="photo-info-title" className="ks-info-title">
          Info
        </h3>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </UnstyledButton>
      <div id="photo-info-body" hidden={!open}>
        {error && (
          <Alert color="red" title="Could not read the photo’s information" role="alert">
            {error}
          </Alert>
        )}
        {!info && !error && <Loader size="xs" aria-label="Reading the photo’s information" />}
        {info && (
          <>
            <Facts info={info} />
            {info.unread !== null && (
              <Text size="xs" c="dimmed" mt={4} data-testid="info-unread">
                From Keepsake’s records: {info.unread}.
              </Text>
            )}
            {info.unread === null && info.camera === null && info.type !== 'VIDEO' && (
              <Text size="xs" c="dimmed" mt={4} data-testid="info-no-exif">
                The file holds no camera information.
              </Text>
            )}
          </>
        )}
      </div>
    </section>
  );
}
