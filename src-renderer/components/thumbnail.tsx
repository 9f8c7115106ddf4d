/** A photo's kept thumbnail, or a neutral placeholder when there is none (or it fails to load). */
import { useState, type CSSProperties } from 'react';
import { Icon } from './icons.tsx';
import { thumbnailUrl } from '../api/media.ts';

interface ThumbnailProps {
  readonly imageHash: string;
  readonly hasThumbnail: boolean;
  readonly isVideo?: boolean;
  readonly className?: string;
  /**
   * For a square crop of this many CSS px (a grid tile): the thumbnail's stored size decides whether
   * it is cropped to fill (enough pixels at this screen's density) or shown whole at no more than
   * one of its pixels per device pixel — never blown up past what is stored.
   */
  readonly crop?: { readonly size: number; readonly width: number | null; readonly height: number | null };
  /** The image's fetch priority (the browser's own guess when left out). */
  readonly priority?: 'high' | 'low' | undefined;
}

/** The style that keeps a thumbnail within its own pixels in a crop of `crop.size` CSS px. */
function cropStyle(crop: ThumbnailProps['crop']): CSSProperties | undefined {
  if (crop === undefined || crop.width === null || crop.height === null) return undefined;
  const ratio = window.devicePixelRatio || 1;
  if (Math.min(crop.width, crop.height) >= crop.size * ratio) return undefined;
  return { objectFit: 'contain', maxWidth: `${crop.width / ratio}px`, maxHeight: `${crop.height / ratio}px`, margin: 'auto' };
}

/** The thumbnail image; decorative (the surrounding button carries the name). */
export function Thumbnail({ imageHash, hasThumbnail, isVideo, className, crop, priority }: ThumbnailProps) {
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
      // A grid's tiles exist only around the view (it is virtual): lazy loading would only wait a frame for them.
      loading={priority === undefined ? 'lazy' : 'eager'}
      decoding="async"
      fetchPriority={priority}
      draggable={false}
      style={cropStyle(crop)}
      onError={() => setFailed(true)}
    />
  );
}
