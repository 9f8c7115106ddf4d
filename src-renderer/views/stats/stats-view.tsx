/**
 * Stats dashboard (LibrePhotos' admin area): num_photos, num_missing_photos, num_offline_photos,
 * trashed, files and bytes by type, last scan — for the selected library, and an all-libraries table.
 * Each figure carries data-testid="stat-<field>" so tests read the raw values.
 */
import { Alert, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { FILE_TYPES, type Stats } from '../../../src-shared/domain.ts';
import { fileTypeLabel, humanDate, humanSize } from '../../lib/format.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { useStats } from '../../stores/stats-store.ts';

/** Each counter with its name and what it counts, in words (its field name is for scripts: data-testid). */
const CARDS: readonly { field: keyof Stats & `num_${string}`; label: string; explain: string; color?: string }[] = [
  { field: 'num_photos', label: 'Photos', explain: 'All of them, missing and offline ones too' },
  { field: 'num_missing_photos', label: 'Missing photos', explain: 'Their files are gone from where they were', color: 'red' },
  { field: 'num_offline_photos', label: 'Photos on offline drives', explain: 'Their drive is not connected: not missing', color: 'gray' },
  { field: 'num_trashed_photos', label: 'In the trash', explain: 'Kept until you delete them for good' },
];

function StatCards({ stats }: { stats: Stats }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="stats-library">
      {CARDS.map((c) => (
        <Card key={c.field} withBorder padding="md">
          <Text size="sm" c="dimmed">
            {c.label}
          </Text>
          <Text fz={28} fw={700} c={c.color && stats[c.field] > 0 ? c.color : undefined} data-testid={`stat-${c.field}`} data-value={stats[c.field]}>
            {stats[c.field].toLocaleString()}
          </Text>
          <Text size="xs" c="dimmed">
            {c.explain}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function ByType({ stats, scope }: { stats: Stats; scope: string }) {
  return (
    <>
    <Title order={4} mt="md" mb="xs">
      Files by type{scope === 'all' ? ' (all libraries)' : ''}
    </Title>
    <Table striped withTableBorder data-testid={`stats-by-type-${scope}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Type</Table.Th>
          <Table.Th ta="right">Files</Table.Th>
          <Table.Th ta="right">Size</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {FILE_TYPES.map((t) => (
          <Table.Tr key={t}>
            <Table.Td>{fileTypeLabel(t, true)}</Table.Td>
            <Table.Td ta="right" data-testid={scope === 'library' ? `stat-files-${t}` : undefined}>
              {(stats.files_by_type[t] ?? 0).toLocaleString()}
            </Table.Td>
            <Table.Td ta="right" data-testid={scope === 'library' ? `stat-bytes-${t}` : undefined} data-value={stats.bytes_by_type[t] ?? 0}>
              {humanSize(stats.bytes_by_type[t] ?? 0)}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td fw={600}>Total</Table.Td>
          <Table.Td ta="right" fw={600}>
            {Object.values(stats.files_by_type).reduce((a, b) => a + b, 0).toLocaleString()}
          </Table.Td>
          <Table.Td ta="right" fw={600} data-testid={scope === 'library' ? 'stat-total_bytes' : undefined} data-value={stats.total_bytes}>
            {humanSize(stats.total_bytes)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
    </>
  );
}

/** The Stats view. */
export function StatsView() {
  const report = useStats((s) => s.report);
  const load = useStats((s) => s.load);
  const libraryId = useLibraries((s) => s.selectedId);
  useEffect(() => void load(), [load]);

  if (!report) return <div className="ks-view">Loading…</div>;
  const mine = report.libraries.find((l) => l.library_id === libraryId);
  return (
    // Focusable, so the keyboard scrolls it too (it holds nothing else to focus).
    <div className="ks-view ks-view-scroll" tabIndex={0} role="region" aria-labelledby="stats-title">
      <Title order={2} mb="md" id="stats-title">
        Stats
      </Title>
      {mine ? (
        <section aria-labelledby="stats-library-title">
          <Group justify="space-between" mb="xs">
            <Title order={3} id="stats-library-title">
              {mine.library_name}
            </Title>
            <Text size="sm" c="dimmed" data-testid="stat-last_scan_at">
              Last scan: {humanDate(mine.last_scan_at)}
            </Text>
          </Group>
          <StatCards stats={mine} />
          <ByType stats={mine} scope="library" />
        </section>
      ) : (
        <Alert color="gray" title="No library selected">
          Add a library in Settings to see its stats.
        </Alert>
      )}
      <section aria-labelledby="stats-all-title">
        <Title order={3} mt="xl" mb="xs" id="stats-all-title">
          All libraries
        </Title>
        <Table striped withTableBorder highlightOnHover data-testid="stats-all-libraries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Library</Table.Th>
              <Table.Th ta="right">Photos</Table.Th>
              <Table.Th ta="right">Missing</Table.Th>
              <Table.Th ta="right">Offline</Table.Th>
              <Table.Th ta="right">Trash</Table.Th>
              <Table.Th ta="right">Size</Table.Th>
              <Table.Th>Last scan</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.libraries.map((l) => (
              <Table.Tr key={l.library_id} data-testid={`stats-row-${l.library_id}`}>
                <Table.Td>{l.library_name}</Table.Td>
                <Table.Td ta="right">{l.num_photos.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{l.num_missing_photos.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{l.num_offline_photos.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{l.num_trashed_photos.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{humanSize(l.total_bytes)}</Table.Td>
                <Table.Td>{humanDate(l.last_scan_at)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr data-testid="stats-row-all">
              <Table.Td fw={700}>All libraries</Table.Td>
              {CARDS.map((c) => (
                <Table.Td key={c.field} ta="right" fw={700} data-testid={`stat-all-${c.field}`} data-value={report.all[c.field]}>
                  {report.all[c.field].toLocaleString()}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={700} data-testid="stat-all-total_bytes" data-value={report.all.total_bytes}>
                {humanSize(report.all.total_bytes)}
              </Table.Td>
              <Table.Td>{humanDate(report.all.last_scan_at)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <ByType stats={report.all} scope="all" />
      </section>
    </div>
  );
}
