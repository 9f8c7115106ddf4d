/**
 * The files a scan saw and could not import (or imported without being able to decode), each with
 * its path and its reason in words, and under their own heading the sidecars that could not be
 * written (the same list holds both). Opened from the toast after Scan Photos ("N files could not
 * be imported" → Show), through the UI store.
 */
import { Alert, Button, Group, Loader, Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { SIDECAR_PROBLEM, type ScanProblem } from '../../src-shared/domain.ts';
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

const FILES_TITLE = 'Files that could not be imported';
const SIDECARS_TITLE = 'Sidecars that could not be written';

const isSidecar = (problem: ScanProblem): boolean => problem.reason.startsWith(SIDECAR_PROBLEM);

/** A file's reason: in words when the decoder's are not, the decoder's line beside them. */
function FileReason({ reason }: { reason: string }) {
  const words = problemInWords(reason);
  if (words === null) return <Text size="sm">{reason}</Text>;
  return (
    <>
      <Text size="sm">{words}</Text>
      <Text size="xs" c="dimmed">
        {reason}
      </Text>
    </>
  );
}

/** One list: a path and its reason per row. */
function ProblemTable({ label, column, items, reason }: { label: string; column: string; items: readonly ScanProblem[]; reason: (problem: ScanProblem) => ReactNode }) {
  return (
    <Table striped withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{column}</Table.Th>
          <Table.Th>Reason</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((problem) => (
          <Table.Tr key={problem.path}>
            <Table.Td style={{ wordBreak: 'break-all' }}>
              <Text size="sm" ff="monospace">{problem.path}</Text>
            </Table.Td>
            <Table.Td>{reason(problem)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The dialog, mounted once. */
export function ScanProblemsDialog() {
  const libraryId = useUi((s) => s.problemsOf);
  const close = useUi((s) => s.setProblemsOf);
  const [items, setItems] = useState<readonly ScanProblem[]>([]);
  const [total, setTotal] = useState(0);
  const [sidecarTotal, setSidecarTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = (offset: number): void => {
    if (libraryId === null) return;
    setLoading(true);
    call('problems.list', { libraryId, offset, limit: PAGE })
      .then((page) => {
        setItems((before) => (offset === 0 ? page.items : [...before, ...page.items]));
        setTotal(page.total);
        setSidecarTotal(page.sidecars);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  };

  useEffect(() => {
    setItems([]);
    setTotal(0);
    setSidecarTotal(0);
    if (libraryId !== null) load(0);
    // Reloaded only when it opens for a library (load reads libraryId itself).
  }, [libraryId]);

  const fileTotal = total - sidecarTotal;
  const files = items.filter((problem) => !isSidecar(problem));
  const sidecars = items.filter(isSidecar);
  // Only sidecars listed: the dialog is named for them, and their heading is not said twice.
  const onlySidecars = fileTotal === 0 && sidecarTotal > 0;
  const scrolled = (content: ReactNode) => <ScrollArea.Autosize mah={fileTotal > 0 && sidecarTotal > 0 ? '30vh' : '60vh'}>{content}</ScrollArea.Autosize>;

  return (
    <Modal opened={libraryId !== null} onClose={() => close(null)} title={onlySidecars ? SIDECARS_TITLE : FILES_TITLE} size="xl" data-testid="scan-problems">
      <Stack gap="sm">
        {error ? <Alert color="red" title="Could not list them">{error}</Alert> : null}
        {onlySidecars ? null : (
          <>
            <Text size="sm" c="dimmed">
              {fileTotal.toLocaleString()} {fileTotal === 1 ? 'file' : 'files'} the scan saw and could not import, or could not decode. Fix the cause (rename, change
              permissions, replace the file) and scan again: what is fixed leaves this list.
            </Text>
            {scrolled(<ProblemTable label={FILES_TITLE} column="File" items={files} reason={(problem) => <FileReason reason={problem.reason} />} />)}
          </>
        )}
        {sidecarTotal > 0 ? (
          <>
            {onlySidecars ? null : (
              <Title order={4} mt="sm">
                {SIDECARS_TITLE}
              </Title>
            )}
            <Text size="sm" c="dimmed">
              {sidecarTotal.toLocaleString()} {sidecarTotal === 1 ? 'sidecar' : 'sidecars'} (the .xmp file beside a photo that keeps its rating, caption and albums)
              could not be written. The photos themselves are fine. Fix the cause (make the folder writable, free some space, move away a file that is not XMP):
              each is tried again after a scan, and what is written leaves this list.
            </Text>
            {scrolled(<ProblemTable label={SIDECARS_TITLE} column="Sidecar" items={sidecars} reason={(problem) => <Text size="sm">{problem.reason.slice(SIDECAR_PROBLEM.length)}</Text>} />)}
          </>
        ) : null}
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
