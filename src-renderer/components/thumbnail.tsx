/** A photo's kept thumbnail, or a neutral placeholder when there is none (or it fails to load). */
import { useState } from 'react';
import { Icon } from './icons.tsx';
import { thumbnailUrl } from '../api/media.ts';

interface ThumbnailProps {
  readonly imageHash: string;
  readonly hasThumbnail: boolean;
  readonly isVideo?: boolean;
  readonly className?: string;
}

/** The thumbnail image; decorative (the surrounding button carries the name). */
export function Thumbnail({ imageHash, hasThumbnail, isVideo, className }: ThumbnailProps) {
  const [failed, setFailed] = useState(false);
  if (!hasThumbnail || failed) {
    return (
      <div className={`ks-thumb-placeholder ${className ?? ''}`} aria-hidden="true" data-testid="thumbnail-placeholder">
        <Icon name={isVideo ? 'video' : 'photo'} size={32} />
      </div>
    );
  }
  return (
    <img
      className={`ks-thumb ${className ?? ''}`}
      src={thumbnailUrl(imageHash)}
      alt=""
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFailed(true)}
    />
  );
}
