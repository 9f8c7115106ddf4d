/**
 * The photo or video itself. What it says about the file comes from the file's availability, never
 * from whether the browser could render it: "Missing", "Video Not Found" and "the original file is
 * gone" appear only for a file Keepsake knows is missing, or that the media request has just found
 * gone (which flags it). A file that is there but that Chromium cannot show (a TIFF, a HEIC, a PSD,
 * an AVI) shows the best preview Keepsake has and opens in the system's own app.
 */
import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PhotoDetail } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { fileUrl, needsPreview, previewUrl, thumbnailUrl } from '../../api/media.ts';
import { AvailabilityBadge, offlineTitle } from '../../components/availability-badge.tsx';
import { Thumbnail } from '../../components/thumbnail.tsx';
import { notifyError } from '../../stores/notifications-store.ts';
import { ZoomableImage } from './zoomable-image.tsx';

/** Title and text of the alert, exactly as the issue words them. */
export const VIDEO_NOT_FOUND_TITLE = 'Video Not Found';
export const VIDEO_NOT_FOUND_TEXT = 'The video file could not be found or is no longer available.';
export const CANNOT_SHOW_IMAGE = "This format can't be shown here";
export const CANNOT_PLAY_VIDEO = "This video can't be played here";

function VideoNotFound() {
  return (
    <Alert color="red" variant="filled" title={VIDEO_NOT_FOUND_TITLE} role="alert" data-testid="video-not-found" maw={520}>
      {VIDEO_NOT_FOUND_TEXT}
    </Alert>
  );
}

/**
 * After the browser failed to render a present file: 'checking' while the media scheme is asked
 * whether the file is still there; 'gone' when it answered 404 (and flagged the file missing);
 * 'unsupported' when the file is there and only the format is the problem.
 */
type RenderFailure = 'none' | 'checking' | 'gone' | 'unsupported';

/** Asks the media scheme (HEAD: no bytes) whether the file is still there. */
async function checkStillThere(src: string): Promise<'gone' | 'unsupported'> {
  try {
    const response = await fetch(src, { method: 'HEAD', cache: 'no-store' });
    return response.status === 404 ? 'gone' : 'unsupported';
  } catch {
    return 'unsupported';
  }
}

/** Shows the media of `photo`. */
export function MediaView({ photo }: { photo: PhotoDetail }) {
  const [failure, setFailure] = useState<RenderFailure>('none');
  useEffect(() => setFailure('none'), [photo.imageHash, photo.mainFileHash]);
  const isVideo = photo.mainType === 'VIDEO';
  const original = photo.mainFileHash ? fileUrl(photo.mainFileHash) : null;
  // TIFF, HEIC, RAW, PSD…: a preview the core makes at screen size; the file itself otherwise.
  const src = original !== null && needsPreview(photo.mainPath, photo.mainType) ? previewUrl(photo.imageHash) : original;
  const known = photo.availability !== 'present' || src === null;

  const onRenderError = () => {
    if (original === null) return;
    setFailure('checking');
    // Asked of the file itself, also when a preview failed: only a gone file is "missing".
    void checkStillThere(original).then(setFailure);
  };

  if (isVideo && (photo.availability === 'missing' || failure === 'gone' || src === null)) {
    return (
      <Stack align="center" gap="md" className="ks-media-fallback">
        <VideoNotFound />
        <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo className="ks-media-thumb" />
        <AvailabilityBadge availability={failure === 'gone' ? 'missing' : photo.availability} driveName={photo.driveName} size="md" />
      </Stack>
    );
  }
  if (known || failure === 'gone') {
    const availability = failure === 'gone' ? 'missing' : photo.availability;
    return (
      <Stack align="center" gap="sm" className="ks-media-fallback" data-testid="media-kept-thumbnail">
        <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo={isVideo} className="ks-media-thumb" />
        <AvailabilityBadge availability={availability} driveName={photo.driveName} size="md" />
        <Text size="sm" c="dimmed" ta="center">
          {availability === 'offline'
            ? `${offlineTitle(photo.driveName)}. Connect it to see the original.`
            : availability === 'missing'
              ? 'The original file is gone; this is the thumbnail Keepsake kept.'
              : 'This photo has no file Keepsake can show.'}
        </Text>
      </Stack>
    );
  }
  if (failure === 'checking' || failure === 'unsupported') {
    return (
      <Stack align="center" gap="sm" className="ks-media-fallback" data-testid="media-cannot-show">
        <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo={isVideo} className="ks-media-thumb" />
        {failure === 'checking' ? (
          <Loader size="sm" aria-label="Checking the file" />
        ) : (
          <>
            <Text size="sm" ta="center">
              {isVideo ? CANNOT_PLAY_VIDEO : CANNOT_SHOW_IMAGE}
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                void call('photos.openInDefaultApp', { fileHash: photo.mainFileHash as string }).catch((error: unknown) => notifyError('Could not open the file', error))
              }
            >
              Open in default app
            </Button>
          </>
        )}
      </Stack>
    );
  }
  if (isVideo) {
    return (
      <video
        key={src}
        className="ks-media"
        controls
        src={src}
        poster={photo.hasThumbnail ? thumbnailUrl(photo.imageHash) : undefined}
        onError={onRenderError}
        data-testid="lightbox-video"
        aria-label="Video"
      />
    );
  }
  // A picture zooms (fit / 100%, wheel, double-click, drag): see zoomable-image.tsx.
  return <ZoomableImage key={src} src={src} alt={photo.caption || 'Photo'} onError={onRenderError} source={src === original ? 'file' : 'preview'} />;
}
