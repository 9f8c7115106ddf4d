/**
 * The files a scan saw and could not import (or imported without being able to decode), each with
 * its path and its reason in words. Opened from the toast after Scan Photos ("N files could not be
 * imported" → Show), through the UI store.
 */
import { Alert, Button, Group, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScanProblem } from '../../src-shared/domain.ts';
import { call, errorMessage } from '../api/client.ts';
import { useUi } from '../stores/ui-store.ts';

const PAGE = 500;

/**
 * A decoder's own words ("cannot decode: Input buffer contains unsupported image format") said for
 * people first; the decoder's line stays beside it, for whoever looks further. Null: the reason is
 * already in words.
 */
export function problemInWords(reason: string): string | null {
  if (!/cannot decode/.test(reason)) return null;
  if (/not a known image format/.test(reason)) return 'Not a picture: its content is no image format, whatever its name says';
  if (/no embedded preview/.test(reason)) return 'A RAW file with no preview inside that Keepsake could show';
  if (/too large/.test(reason)) return 'Too large to make a picture of';
  return 'Damaged, or a kind of picture Keepsake cannot read';
}

/** The dialog, mounted once. */
export function ScanProblemsDialog() {
  const libraryId = useUi((s) => s.problemsOf);
  const close = useUi((s) => s.setProblemsOf);
  const [items, setItems] = useState<readonly ScanProblem[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = (offset: number): void => {
    if (libraryId === null) return;
    setLoading(true);
    call('problems.list', { libraryId, offset, limit: PAGE })
      .then((page) => {
        setItems((before) => (offset === 0 ? page.items : [...before, ...page.items]));
        setTotal(page.total);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  };

  useEffect(() => {
    setItems([]);
    setTotal(0);
    if (libraryId !== null) load(0);
    // Reloaded only when it opens for a library (load reads libraryId itself).
  }, [libraryId]);

  return (
    <Modal opened={libraryId !== null} onClose={() => close(null)} title="Files that could not be imported" size="xl" data-testid="scan-problems">
      <Stack gap="sm">
        {error ? <Alert color="red" title="Could not list them">{error}</Alert> : null}
        <Text size="sm" c="dimmed">
          {total.toLocaleString()} {total === 1 ? 'file' : 'files'} the scan saw and could not import, or could not decode. Fix the cause (rename, change
          permissions, replace the file) and scan again: what is fixed leaves this list.
        </Text>
        <ScrollArea.Autosize mah="60vh">
          <Table striped withTableBorder aria-label="Files that could not be imported">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((problem) => (
                <Table.Tr key={problem.path}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    <Text size="sm" ff="monospace">{problem.path}</Text>
                  </Table.Td>
                  <Table.Td>
                    {problemInWords(problem.reason) === null ? (
                      <Text size="sm">{problem.reason}</Text>
                    ) : (
                      <>
                        <Text size="sm">{problemInWords(problem.reason)}</Text>
                        <Text size="xs" c="dimmed">
                          {problem.reason}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        <Group justify="space-between">
          {loading ? <Loader size="sm" aria-label="Loading" /> : <span />}
          <Group gap="xs">
            {items.length < total ? (
              <Button variant="default" onClick={() => load(items.length)} disabled={loading}>
                Show more
              </Button>
            ) : null}
            <Button onClick={() => close(null)}>Close</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
