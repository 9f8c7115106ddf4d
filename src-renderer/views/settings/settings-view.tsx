/** Settings → Library Management: libraries, their folders (roots) with drive states, and the jobs. */
import { Title } from '@mantine/core';
import { useEffect } from 'react';
import { useJobs } from '../../stores/jobs-store.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { JobsPanel } from './jobs-panel.tsx';
import { LibrariesPanel } from './libraries-panel.tsx';
import { RootsPanel } from './roots-panel.tsx';

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
      <Title order={2} mb="md">
        Library Management
      </Title>
      <LibrariesPanel />
      <RootsPanel />
      <JobsPanel />
    </div>
  );
}
