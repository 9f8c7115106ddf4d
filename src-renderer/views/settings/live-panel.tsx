/**
 * Settings → Live library: whether the app watches the folders, how often the ones it cannot watch
 * are polled, and Auto Scan (a schedule for the two scans, as LibrePhotos has it).
 */
import { Card, Checkbox, Group, NumberInput, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppSettingsView } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { notifyError } from '../../stores/notifications-store.ts';

type Changes = Parameters<typeof call<'settings.set'>>[1];

/** Live library panel. */
export function LivePanel() {
  const [view, setView] = useState<AppSettingsView | null>(null);
  useEffect(() => {
    call('settings.get', {}).then(setView, (error: unknown) => notifyError('Could not read the settings', error));
  }, []);
  const save = (changes: Changes) => {
    call('settings.set', changes).then(setView, (error: unknown) => notifyError('Could not save the setting', error));
  };
  if (view === null) return null;
  const auto = view.autoScan;
  return (
    <Card withBorder mb="lg" component="section" aria-labelledby="live-title">
      <Title order={3} id="live-title" mb={4}>
        Live library
      </Title>
      <Stack gap="sm">
        <Switch
          label="Watch folders for changes"
          description="Photos added, moved, renamed or deleted while Keepsake runs are picked up at once; a drive that is pulled is offline, never missing."
          checked={view.watchFolders}
          onChange={(e) => save({ watchFolders: e.currentTarget.checked })}
          data-testid="watch-folders"
        />
        <NumberInput
          label="Look at network shares and folders that cannot be watched every"
          suffix=" s"
          min={5}
          max={86_400}
          w={420}
          value={view.pollIntervalS}
          onBlur={(e) => {
            const value = Number(e.currentTarget.value.replace(/\D/g, ''));
            if (value >= 5 && value !== view.pollIntervalS) save({ pollIntervalS: value });
          }}
        />
        <div>
          <Text fw={600} size="sm">
            Auto Scan
          </Text>
          <Group gap="lg" mt={4} align="flex-end">
            <Select
              label="Run"
              w={220}
              data={[
                { value: 'scan_photos', label: 'Scan Photos' },
                { value: 'scan_missing', label: 'Scan for Missing Photos' },
              ]}
              value={auto.jobs}
              allowDeselect={false}
              onChange={(value) => value && save({ autoScan: { ...auto, jobs: value as 'scan_photos' | 'scan_missing' } })}
            />
            <Checkbox label="When Keepsake starts" checked={auto.onLaunch} onChange={(e) => save({ autoScan: { ...auto, onLaunch: e.currentTarget.checked } })} />
            <Checkbox label="When a drive is connected" checked={auto.onDriveMounted} onChange={(e) => save({ autoScan: { ...auto, onDriveMounted: e.currentTarget.checked } })} />
            <NumberInput
              label="Every (hours, 0 = never)"
              min={0}
              max={720}
              w={180}
              value={auto.everyHours}
              onBlur={(e) => {
                const value = Number(e.currentTarget.value.replace(/\D/g, '') || '0');
                if (value !== auto.everyHours) save({ autoScan: { ...auto, everyHours: value } });
              }}
            />
          </Group>
        </div>
      </Stack>
    </Card>
  );
}
