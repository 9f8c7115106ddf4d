/**
 * Suggested matches: a missing file and a new file with the same name and capture time but another
 * hash (probably an edited version). Accept moves the metadata to the new photo; reject remembers the
 * answer. Shows nothing when there are none or when the command fails (it is a hint, not the list).
 */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SuggestedMatch } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { Thumbnail } from '../../components/thumbnail.tsx';
import { baseName } from '../../lib/format.ts';
import { notifyError, notifyInfo } from '../../stores/notifications-store.ts';
import { useUi } from '../../stores/ui-store.ts';

/** The suggested-matches section of the Missing view; asks for them once `ready` (after the list's first page). */
export function SuggestedMatches({ libraryId, ready }: { libraryId: number; ready: boolean }) {
  const version = useUi((s) => s.settledVersion);
  const dataChanged = useUi((s) => s.dataChanged);
  const [matches, setMatches] = useState<readonly SuggestedMatch[]>([]);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    call('matches.list', { libraryId })
      .then((m) => live && setMatches(m))
      .catch(() => live && setMatches([]));
    return () => {
      live = false;
    };
  }, [libraryId, version, ready]);

  if (matches.length === 0) return null;

  const resolve = async (match: SuggestedMatch, accept: boolean) => {
    setBusy(match.id);
    try {
      await call('matches.resolve', { matchId: match.id, accept });
      setMatches((m) => m.filter((x) => x.id !== match.id));
      notifyInfo(accept ? 'Match accepted' : 'Match rejected', accept ? 'Rating, caption and albums moved to the new photo.' : 'Keepsake will not suggest this pair again.');
      dataChanged();
    } catch (error) {
      notifyError('Could not resolve the match', error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="suggested-matches-title" className="ks-matches" data-testid="suggested-matches">
      <Title order={4} id="suggested-matches-title" mb={4}>
        Suggested matches ({matches.length})
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        These missing photos look like they were edited and saved as new files.
      </Text>
      <Stack gap="xs" className="ks-matches-list">
        {matches.map((m) => (
          <Card key={m.id} withBorder padding="xs" data-testid="suggested-match">
            <Group wrap="nowrap" justify="space-between">
              <Group wrap="nowrap" gap="sm">
                <Thumbnail imageHash={m.missing.imageHash} hasThumbnail={m.missing.hasThumbnail} className="ks-match-thumb" />
                <Text size="sm" aria-hidden="true">
                  →
                </Text>
                <Thumbnail imageHash={m.candidate.imageHash} hasThumbnail={m.candidate.hasThumbnail} className="ks-match-thumb" />
                <div>
                  <Text size="sm" fw={600}>
                    {baseName(m.missing.lastKnownPath ?? m.missing.mainPath)} → {baseName(m.candidate.mainPath)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {m.reason}
                  </Text>
                </div>
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" loading={busy === m.id} onClick={() => void resolve(m, true)} aria-label={`Accept match for ${baseName(m.missing.lastKnownPath)}`}>
                  Accept
                </Button>
                <Button size="xs" variant="default" disabled={busy === m.id} onClick={() => void resolve(m, false)} aria-label={`Reject match for ${baseName(m.missing.lastKnownPath)}`}>
                  Reject
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    </section>
  );
}
