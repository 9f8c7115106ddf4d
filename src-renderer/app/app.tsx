/** The app: a shell with a navbar (Library, Missing, Trash, Stats, Settings), the views and the dialogs. */
import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Select, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { ColorSchemeControl } from '../components/color-scheme-control.tsx';
import { Icon } from '../components/icons.tsx';
import { NotificationsStack } from '../components/notifications-stack.tsx';
import { ReadOnlyBanner } from '../components/read-only-banner.tsx';
import { RunningJobsIndicator } from '../components/running-jobs-indicator.tsx';
import { ConfirmDeleteMissingDialog } from '../dialogs/confirm-delete-missing.tsx';
import { ScanProblemsDialog } from '../dialogs/scan-problems-dialog.tsx';
import { ShortcutsSheet } from '../dialogs/shortcuts-sheet.tsx';
import { useAccess } from '../stores/access-store.ts';
import { useBrowse } from '../stores/browse-store.ts';
import { useJobs } from '../stores/jobs-store.ts';
import { useLibraries } from '../stores/libraries-store.ts';
import { useStats } from '../stores/stats-store.ts';
import { useUi, type ViewName } from '../stores/ui-store.ts';
import { Lightbox } from '../views/lightbox/lightbox.tsx';
import { LibraryView } from '../views/library/library-view.tsx';
import { MissingView } from '../views/missing/missing-view.tsx';
import { SettingsView } from '../views/settings/settings-view.tsx';
import { StatsView } from '../views/stats/stats-view.tsx';
import { TrashView } from '../views/trash/trash-view.tsx';
import { BrowseSidebar } from '../views/browse/browse-sidebar.tsx';
import { AppShortcuts } from './app-shortcuts.tsx';
import { wireEvents } from './wire-events.ts';

const NAV: readonly { view: ViewName; label: string }[] = [
  { view: 'library', label: 'Library' },
  { view: 'missing', label: 'Missing' },
  { view: 'trash', label: 'Trash' },
  { view: 'stats', label: 'Stats' },
  { view: 'settings', label: 'Settings' },
];

const VIEWS: Record<ViewName, () => React.JSX.Element | null> = {
  library: LibraryView,
  missing: MissingView,
  trash: TrashView,
  stats: StatsView,
  settings: SettingsView,
};

function LibraryPicker() {
  const libraries = useLibraries((s) => s.libraries);
  const selectedId = useLibraries((s) => s.selectedId);
  const select = useLibraries((s) => s.select);
  if (libraries.length < 2) return null;
  return (
    <Select
      aria-label="Current library"
      size="xs"
      w={180}
      data={libraries.map((l) => ({ value: String(l.id), label: l.name }))}
      value={selectedId === null ? null : String(selectedId)}
      onChange={(v) => v && select(Number(v))}
      allowDeselect={false}
      data-testid="library-picker"
    />
  );
}

function MissingCountBadge() {
  const selectedId = useLibraries((s) => s.selectedId);
  const count = useStats((s) => s.report?.libraries.find((l) => l.library_id === selectedId)?.num_missing_photos ?? 0);
  if (count === 0) return null;
  // White on red: readable on the nav item whether it is selected, hovered or not (red text on the selected item's teal was 2.5:1).
  return (
    <Badge color="red" variant="filled" size="sm" circle={count < 10} data-testid="nav-missing-count">
      {count.toLocaleString()}
      <VisuallyHidden> photos</VisuallyHidden>
    </Badge>
  );
}

/** The root component. */
export function App() {
  const [opened, { toggle }] = useDisclosure();
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);

  useEffect(() => {
    const off = wireEvents();
    void useAccess.getState().load();
    void useLibraries.getState().load();
    void useStats.getState().load();
    void useJobs.getState().loadHistory();
    return off;
  }, []);

  const View = VIEWS[view];
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={800} size="lg">
              Keepsake
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <RunningJobsIndicator />
            <ColorSchemeControl />
            <LibraryPicker />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <AppShell.Section>
          {NAV.map((item) => (
            <NavLink
              key={item.view}
              component="button"
              label={item.label}
              leftSection={<Icon name={item.view} />}
              rightSection={item.view === 'missing' ? <MissingCountBadge /> : undefined}
              active={view === item.view}
              aria-current={view === item.view ? 'page' : undefined}
              onClick={() => {
                // "Library" is every photo of the library: it leaves a folder or album chosen below.
                if (item.view === 'library') useBrowse.getState().setSource({ kind: 'all' });
                setView(item.view);
              }}
              data-testid={`nav-${item.view}`}
            />
          ))}
        </AppShell.Section>
        {/* Folders and Albums of the selected library: each entry shows its photos in the Library grid. */}
        <AppShell.Section grow component={ScrollArea} type="auto" mt="xs" className="ks-navbar-browse">
          <BrowseSidebar />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className="ks-main">
        {/* The page's one level-one heading names the view; each view's own title follows as level two. */}
        <VisuallyHidden component="h1" data-testid="view-heading">
          {NAV.find((item) => item.view === view)?.label}
        </VisuallyHidden>
        <ReadOnlyBanner />
        <View />
      </AppShell.Main>
      <Lightbox />
      <ConfirmDeleteMissingDialog />
      <ScanProblemsDialog />
      <ShortcutsSheet />
      <AppShortcuts />
      <NotificationsStack />
    </AppShell>
  );
}
