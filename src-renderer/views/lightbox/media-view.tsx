/**
 * The photo or video itself. A video whose file is gone (the photo is missing, or the media scheme
 * answers 404) shows the red "Video Not Found" alert; a missing image shows its kept thumbnail with
 * the Missing label; an offline one says which drive to connect.
 */
import { Alert, Badge, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PhotoDetail } from '../../../src-shared/domain.ts';
import { fileUrl } from '../../api/media.ts';
import { AvailabilityBadge, offlineTitle } from '../../components/availability-badge.tsx';
import { Thumbnail } from '../../components/thumbnail.tsx';

/** Title and text of the alert, exactly as the issue words them. */
export const VIDEO_NOT_FOUND_TITLE = 'Video Not Found';
export const VIDEO_NOT_FOUND_TEXT = 'The video file could not be found or is no longer available.';

function VideoNotFound() {
  return (
    <Alert color="red" variant="filled" title={VIDEO_NOT_FOUND_TITLE} role="alert" data-testid="video-not-found" maw={520}>
      {VIDEO_NOT_FOUND_TEXT}
    </Alert>
  );
}

/** Shows the media of `photo`. */
export function MediaView({ photo }: { photo: PhotoDetail }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [photo.imageHash, photo.mainFileHash]);
  const isVideo = photo.mainType === 'VIDEO';
  const gone = photo.availability !== 'present' || !photo.mainFileHash;

  if (isVideo && (photo.availability === 'missing' || failed || !photo.mainFileHash)) {
    return (
      <Stack align="center" gap="md" className="ks-media-fallback">
        <VideoNotFound />
        <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo className="ks-media-thumb" />
        <AvailabilityBadge availability={photo.availability} driveName={photo.driveName} size="md" />
      </Stack>
    );
  }
  if (gone || failed) {
    return (
      <Stack align="center" gap="sm" className="ks-media-fallback" data-testid="media-kept-thumbnail">
        <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo={isVideo} className="ks-media-thumb" />
        {photo.availability === 'present' ? (
          <Badge color="red" size="md">
            Missing
          </Badge>
        ) : (
          <AvailabilityBadge availability={photo.availability} driveName={photo.driveName} size="md" />
        )}
        <Text size="sm" c="dimmed" ta="center">
          {photo.availability === 'offline'
            ? `${offlineTitle(photo.driveName)}. Connect it to see the original.`
            : 'The original file is gone; this is the thumbnail Keepsake kept.'}
        </Text>
      </Stack>
    );
  }
  const src = fileUrl(photo.mainFileHash as string);
  if (isVideo) {
    return (
      <video
        key={src}
        className="ks-media"
        controls
        src={src}
        onError={() => setFailed(true)}
        data-testid="lightbox-video"
        aria-label="Video"
      />
    );
  }
  return <img key={src} className="ks-media" src={src} alt={photo.caption || 'Photo'} onError={() => setFailed(true)} data-testid="lightbox-image" />;
}
