/** Settings: libraries and their folders (roots) with drive states, videos, and the jobs with their history. */
import { Button, Group, Title } from '@mantine/core';
import { useEffect } from 'react';
import { call } from '../../api/client.ts';
import { notifyError } from '../../stores/notifications-store.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { JobsPanel } from './jobs-panel.tsx';
import { LibrariesPanel } from './libraries-panel.tsx';
import { RootsPanel } from './roots-panel.tsx';
import { LivePanel } from './live-panel.tsx';
import { VideosPanel } from './videos-panel.tsx';

/** The Settings view. */
export function SettingsView() {
  const loadRoots = useLibraries((s) => s.loadRoots);
  const loadHistory = useJobs((s) => s.loadHistory);
  useEffect(() => {
    void loadRoots(true);
    void loadHistory();
  }, [loadRoots, loadHistory]);
  return (
    <div className="ks-view ks-view-scroll">
      <Group justify="space-between" mb="md">
        <Title order={2}>Settings</Title>
        {/* Also Help → Show Log File: what a user sends when something went wrong. */}
        <Button variant="default" size="xs" onClick={() => void call('app.showLogFile', {}).catch((error: unknown) => notifyError('Could not show the log file', error))}>
          Show Log File
        </Button>
      </Group>
      <LibrariesPanel />
      <RootsPanel />
      <LivePanel />
      <VideosPanel />
      <JobsPanel />
    </div>
  );
}
