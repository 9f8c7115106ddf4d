/**
 * Settings → Videos: which ffmpeg makes video posters, lengths and dates. Keepsake runs ffmpeg as its
 * own process and never ships one (its builds are GPL): the PATH's is used unless one is set here.
 */
import { Button, Card, Group, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppSettingsView } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { notifyError } from '../../stores/notifications-store.ts';

/** Videos panel. */
export function VideosPanel() {
  const [view, setView] = useState<AppSettingsView | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('settings.get', {})
      .then((loaded) => {
        setView(loaded);
        setPath(loaded.ffmpegPath ?? '');
      })
      .catch((error: unknown) => notifyError('Could not read the settings', error));
  }, []);

  const save = async (ffmpegPath: string | null) => {
    setBusy(true);
    try {
      const saved = await call('settings.set', { ffmpegPath });
      setView(saved);
      setPath(saved.ffmpegPath ?? '');
    } catch (error) {
      notifyError('Could not save the ffmpeg path', error);
    } finally {
      setBusy(false);
    }
  };

  const status =
    view === null
      ? null
      : view.videoToolsProblem !== null
        ? { text: view.videoToolsProblem, color: 'red' }
        : view.videoTools !== null
          ? { text: `Using ffmpeg ${view.videoTools.version} (${view.videoTools.ffmpeg}).`, color: undefined }
          : { text: 'No ffmpeg found: videos have no poster or length until one is installed or set here.', color: 'orange' };

  return (
    <Card withBorder mb="lg" component="section" aria-labelledby="videos-title">
      <Title order={3} id="videos-title" mb={4}>
        Videos
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Keepsake reads video posters, lengths and dates with ffmpeg, run as its own program. Leave the path empty to use the ffmpeg on your system.
      </Text>
      <Group align="flex-end" gap="xs">
        <TextInput
          label="ffmpeg"
          placeholder="/usr/bin/ffmpeg"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          w={420}
          data-testid="ffmpeg-path"
        />
        <Button onClick={() => void save(path.trim() === '' ? null : path.trim())} loading={busy} disabled={view === null}>
          Save
        </Button>
        {view?.ffmpegPath != null && (
          <Button variant="default" onClick={() => void save(null)} disabled={busy}>
            Use the system’s
          </Button>
        )}
      </Group>
      {status !== null && (
        <Text size="sm" mt="xs" c={status.color} data-testid="ffmpeg-status" role="status">
          {status.text}
        </Text>
      )}
    </Card>
  );
}
