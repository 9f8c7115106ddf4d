/** A group's header row in the Missing view: "Trip-Japan — 15 photos — the folder is gone", its path, what to do, Locate folder…. */
import { Button, Text } from '@mantine/core';
import { memo } from 'react';
import type { MissingGroup } from '../../../src-shared/domain.ts';
import { groupTitle, whatNowText } from './missing-reasons.ts';

/** Height of a header row in pixels. */
export const MISSING_HEADER_HEIGHT = 76;

/** The header (memoised, as the rows are); `onLocate` is null where there is no folder to locate. */
export const MissingGroupHeader = memo(function MissingGroupHeader({ group, onLocate }: { group: MissingGroup; onLocate: ((group: MissingGroup) => void) | null }) {
  const title = groupTitle(group);
  return (
    <div className={`ks-missing-group ks-missing-group-${group.reason}`} data-testid="missing-group" data-folder={group.folder ?? ''} data-reason={group.reason} data-count={group.count}>
      <div className="ks-missing-group-text">
        <Text component="h3" fw={700} size="md" truncate="end" m={0} data-testid="missing-group-title" title={group.folder ?? undefined}>
          {title}
        </Text>
        {group.folder !== null && (
          <Text size="xs" c="dimmed" truncate="start" data-testid="missing-group-path">
            <bdi dir="ltr">
              {group.folder}
              {group.withSubfolders && group.reason === 'folder_gone' ? ' (with its subfolders)' : ''}
            </bdi>
          </Text>
        )}
        <Text size="xs" c="dimmed" truncate="end" data-testid="missing-group-what-now">
          {whatNowText(group.reason)}
        </Text>
      </div>
      {onLocate && (
        <Button size="xs" variant="light" onClick={() => onLocate(group)} aria-label={`Locate folder… ${group.folder ?? ''}`}>
          Locate folder…
        </Button>
      )}
    </div>
  );
});
