/** The "Missing" (red) or "Offline" (grey) label of a photo; nothing for a present photo. */
import { Badge, Tooltip } from '@mantine/core';
import type { PhotoAvailability } from '../../src-shared/domain.ts';

interface AvailabilityBadgeProps {
  readonly availability: PhotoAvailability;
  readonly driveName?: string | null;
  readonly size?: 'xs' | 'sm' | 'md';
}

/** Offline explains which drive to connect; Missing means the file is gone from an online folder. */
export function AvailabilityBadge({ availability, driveName, size = 'sm' }: AvailabilityBadgeProps) {
  if (availability === 'missing') {
    return (
      <Badge color="red" variant="filled" size={size} data-testid="badge-missing">
        Missing
      </Badge>
    );
  }
  if (availability === 'offline') {
    const title = offlineTitle(driveName);
    return (
      <Tooltip label={title} withinPortal>
        <Badge color="gray" variant="filled" size={size} title={title} data-testid="badge-offline">
          Offline
        </Badge>
      </Tooltip>
    );
  }
  return null;
}

/** "On drive “Photos USB”, which is not connected". */
export const offlineTitle = (driveName: string | null | undefined): string =>
  `On ${driveName ? `drive “${driveName}”` : 'a drive'}, which is not connected`;
