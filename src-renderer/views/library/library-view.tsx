/**
 * Library: the photos of the selected library — all of them, a folder (with its subfolders) or an
 * album chosen in the sidebar — found by search and date range, in the chosen order, grouped by
 * day or month, in a virtualised grid; or a first-run empty state. Photos are selected there and
 * rated, filed into albums or moved to the trash together.
 */
import { Alert, Button, Group, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandRequest } from '../../../src-shared/contract.ts';
import type { DateGroup, PhotoSummary } from '../../../src-shared/domain.ts';
import { matchesShortcut } from '../../../src-shared/keyboard-shortcuts.ts';
import { call } from '../../api/client.ts';
import { countPhotos } from '../../components/job-text.ts';
import { PhotoGrid } from '../../components/photo-grid.tsx';
import { PLATFORM, isTypingTarget } from '../../lib/keyboard.ts';
import { useNeighbour } from '../../lib/use-neighbour.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { ratePhotos } from '../../stores/album-actions.ts';
import { useBrowse, type GroupBy } from '../../stores/browse-store.ts';
import { startScan } from '../../stores/job-actions.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { addFolder } from '../../stores/library-actions.ts';
import { useLibraries, useSelectedLibrary } from '../../stores/libraries-store.ts';
import { useSelection } from '../../stores/selection-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { BrowseToolbar } from './browse-toolbar.tsx';
import { EmptyLibrary } from './empty-library.tsx';
import { QuickLook } from './quick-look.tsx';
import { SelectionBar } from './selection-bar.tsx';

/** Characters a search needs before it narrows the grid. */
const MIN_SEARCH = 2;

/** The grid's query: photos.list / photos.dateGroups / photos.hashes all take it (without paging). */
type GridQuery = Omit<CommandRequest<'photos.list'>, 'offset' | 'limit'>;

/** The Library view. */
export function LibraryView() {
  const library = useSelectedLibrary();
  const loaded = useLibraries((s) => s.loaded);
  if (!loaded) return null;
  if (!library) return <EmptyLibrary hasFolders={false} libraryId={null} />;
  return <LibraryPhotos key={library.id} libraryId={library.id} name={library.name} hasFolders={library.roots.length > 0} />;
}

/** A search typed this recently counts as still being typed. */
const TYPING_MS = 200;

/**
 * Whether the search is being typed: from a change until TYPING_MS after the last one. Meanwhile
 * the results' thumbnails wait: each key's results are passed by, and serving their thumbnails
 * would hold back the core's answer to the next key.
 */
function useTyping(search: string): boolean {
  const [typing, setTyping] = useState(false);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setTyping(true);
    const timer = setTimeout(() => setTyping(false), TYPING_MS);
    return () => clearTimeout(timer);
  }, [search]);
  return typing;
}

/** The browse store's state as the core's query. */
function useGridQuery(libraryId: number): { query: GridQuery; key: string; filtered: boolean } {
  const source = useBrowse((s) => s.source);
  // A search starts at its second character: one letter is in nearly every name and path, so the
  // grid stays as it was (and the core is not asked to read the whole library for it).
  const typed = useBrowse((s) => s.search.trim());
  const search = typed.length >= MIN_SEARCH ? typed : '';
  const capturedFrom = useBrowse((s) => s.capturedFrom);
  const capturedTo = useBrowse((s) => s.capturedTo);
  const sort = useBrowse((s) => s.sort);
  return useMemo(() => {
    const query: GridQuery = {
      libraryId,
      view: 'all',
      sort,
      ...(search !== '' ? { search } : {}),
      ...(capturedFrom !== '' ? { capturedFrom } : {}),
      ...(capturedTo !== '' ? { capturedTo } : {}),
      ...(source.kind === 'folder' ? { folder: source.path } : {}),
      ...(source.kind === 'album' ? { albumId: source.albumId } : {}),
    };
    return { query, key: JSON.stringify(query), filtered: search !== '' || capturedFrom !== '' || capturedTo !== '' || source.kind !== 'all' };
  }, [libraryId, source, search, capturedFrom, capturedTo, sort]);
}

/**
 * The list's date groups. They come with its first page (one answer, one moment: the grid is laid
 * out once, never first flat and then grouped). The latest ones stay in use while another list's
 * first page is on its way (its old items are still shown, and they match); when the list changed
 * while scrolled down (its first page was not asked for again), they are asked for on their own.
 */
function useDateGroups(query: GridQuery, groupBy: GroupBy, total: number | null, version: number) {
  const [groups, setGroups] = useState<readonly DateGroup[] | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;
  const stale = total !== null && groups !== null && query.sort !== 'name' && groups.reduce((sum, g) => sum + g.count, 0) !== total;
  useEffect(() => {
    if (!stale) return;
    let live = true;
    void call('photos.dateGroups', { ...queryRef.current, by: groupBy }).then(
      (found) => live && setGroups(found),
      () => undefined, // the grid stays in plain rows; the next change asks again
    );
    return () => {
      live = false;
    };
  }, [stale, groupBy, version]);
  return { groups: query.sort === 'name' ? [] : groups, setGroups };
}

function LibraryPhotos({ libraryId, name, hasFolders }: { libraryId: number; name: string; hasFolders: boolean }) {
  const version = useUi((s) => s.dataVersion);
  const openLightbox = useUi((s) => s.openLightbox);
  const source = useBrowse((s) => s.source);
  const groupBy = useBrowse((s) => s.groupBy);
  const tileSize = useBrowse((s) => s.tileSize);
  const scanning = useJobs((s) => Object.values(s.running).some((j) => j.libraryId === libraryId && j.type === 'scan_photos'));
  const { query, key, filtered } = useGridQuery(libraryId);
  const typing = useTyping(query.search ?? '');
  const queryRef = useRef(query);
  queryRef.current = query;

  const groupByRef = useRef(groupBy);
  groupByRef.current = groupBy;
  const listKey = `library:${key}|${groupBy}`;
  const listKeyRef = useRef(listKey);
  listKeyRef.current = listKey;
  const setGroupsRef = useRef<(groups: readonly DateGroup[]) => void>(() => undefined);
  // First pages are asked for one at a time, and only for the latest list: while a search is typed
  // the core answers the last query next, not every one typed on the way (each reads the library).
  const firstPageAsked = useRef<Promise<void> | null>(null);
  // The first page brings the date groups with it (not for the Name order).
  const fetchPage = useCallback(async (offset: number, limit: number) => {
    const forKey = listKeyRef.current;
    if (offset === 0) {
      while (firstPageAsked.current !== null) await firstPageAsked.current;
      // Another list was asked for meanwhile: this one's answer would be dropped anyway.
      if (listKeyRef.current !== forKey) return { total: 0, offset, items: [] };
    }
    const request = queryRef.current;
    const withGroups = offset === 0 && request.sort !== 'name';
    const answer = call('photos.list', { ...request, offset, limit, ...(withGroups ? { groups: groupByRef.current } : {}) });
    if (offset === 0) {
      const settled: Promise<void> = answer.then(
        () => undefined,
        () => undefined,
      );
      firstPageAsked.current = settled;
      void settled.then(() => {
        if (firstPageAsked.current === settled) firstPageAsked.current = null;
      });
    }
    const page = await answer;
    // An answer for a list no longer shown is dropped by the paged list: its groups go with it.
    if (page.groups !== undefined && listKeyRef.current === forKey) setGroupsRef.current(page.groups);
    return page;
  }, []);
  const list = usePagedList<PhotoSummary>(fetchPage, listKey, version, 200, { keepPrevious: true });
  const { groups, setGroups } = useDateGroups(query, groupBy, list.total, version);
  setGroupsRef.current = setGroups;
  const fetchHashes = useCallback((offset: number, limit: number) => call('photos.hashes', { ...queryRef.current, offset, limit }), []);
  const neighbour = useNeighbour(list);
  const onOpen = useCallback((_: number, photo: PhotoSummary) => openLightbox(photo.imageHash, neighbour), [openLightbox, neighbour]);
  const [quickLook, setQuickLook] = useState<number | null>(null);
  const listRef = useRef(list);
  listRef.current = list;
  // A rating shows on the tiles at once; the refetch its change event brings says the same.
  const rate = useCallback((hashes: readonly string[], rating: number) => {
    const rated = new Set(hashes);
    listRef.current.patch?.((photo) => (rated.has(photo.imageHash) && photo.rating !== rating ? { ...photo, rating } : photo));
    void ratePhotos(hashes, rating).then((done) => {
      if (!done) useUi.getState().dataChanged(); // not stored: the tiles show what is
    });
  }, []);
  const total = list.total;

  // The selection belongs to this list: another folder, album, search or order starts afresh.
  useEffect(() => useSelection.getState().setScope(key), [key]);

  // Ctrl/Cmd+A selects every photo of the view (never the page's text); Esc clears the selection.
  // Not while typing, in an open menu or under a dialog (the viewer, quick look, a confirmation:
  // Esc is theirs). Heard first (capture): a tooltip under the pointer stops Esc.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      // A menu open (its trigger or an item has the focus) takes its own Esc; so does any dialog.
      const inMenu = target !== null && (target.closest('[role="menu"]') !== null || target.getAttribute('aria-expanded') === 'true');
      if (event.defaultPrevented || isTypingTarget(event.target) || inMenu || document.querySelector('[role="dialog"]') !== null) return;
      if (matchesShortcut('gridSelectAll', event, PLATFORM)) {
        event.preventDefault();
        void useSelection.getState().selectAll(total ?? 0, fetchHashes);
      } else if (matchesShortcut('gridClear', event, PLATFORM) && useSelection.getState().selected.size > 0) {
        event.preventDefault();
        useSelection.getState().clear();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [total, fetchHashes]);

  if (total === 0 && !list.error && !filtered) return <EmptyLibrary hasFolders={hasFolders} libraryId={libraryId} />;
  const title = source.kind === 'folder' ? source.name : source.kind === 'album' ? source.title : name;
  return (
    <div className="ks-view">
      <Group justify="space-between" className="ks-view-header" wrap="nowrap" align="flex-start">
        <div className="ks-browse-title">
          {source.kind !== 'all' && (
            <Button variant="subtle" size="compact-xs" px={4} onClick={() => useBrowse.getState().setSource({ kind: 'all' })} data-testid="show-all-photos">
              ‹ All photos in {name}
            </Button>
          )}
          <Title order={2} data-testid="browse-title">
            {title}
          </Title>
          <Text c="dimmed" size="sm" data-testid="library-count">
            {total === null ? 'Loading…' : countPhotos(total)}
            {source.kind === 'folder' && (
              <Text span size="sm" c="dimmed" className="ks-path" ml={6}>
                {source.path}
              </Text>
            )}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={() => void addFolder()}>
            Add a folder
          </Button>
          <Button loading={scanning} onClick={() => void startScan('scan_photos', libraryId)}>
            Scan Photos
          </Button>
        </Group>
      </Group>
      <BrowseToolbar />
      <SelectionBar libraryId={libraryId} onRate={rate} />
      {list.error && (
        <Alert color="red" title="Could not load photos" role="alert" mb="sm">
          {list.error}
        </Alert>
      )}
      {total === 0 && !list.error ? (
        <NoMatch />
      ) : (
        <PhotoGrid
          list={list}
          groups={groups}
          tileSize={tileSize}
          label={`Photos in ${title}`}
          resetKey={key}
          onOpen={onOpen}
          fetchHashes={fetchHashes}
          onRate={rate}
          onQuickLook={setQuickLook}
          holdImages={typing}
        />
      )}
      <QuickLook list={list} index={quickLook} onIndex={setQuickLook} onOpen={onOpen} />
    </div>
  );
}

/** A search, date range, folder or album with no photo. */
function NoMatch() {
  const source = useBrowse((s) => s.source);
  const searching = useBrowse((s) => s.search.trim() !== '' || s.capturedFrom !== '' || s.capturedTo !== '');
  return (
    <div className="ks-no-match" data-testid="no-match">
      <Text fw={600}>{searching ? 'No photo matches' : source.kind === 'album' ? 'This album is empty' : 'No photos here'}</Text>
      <Text size="sm" c="dimmed">
        {searching
          ? 'The search looks in file names, folder names and captions; every word must match. The dates are when the photo was taken.'
          : source.kind === 'album'
            ? 'Select photos in the grid and choose Add to album, or drag them onto the album in the sidebar.'
            : 'This folder has no photos outside the trash.'}
      </Text>
      {searching && (
        <Button variant="default" size="xs" mt="xs" onClick={() => useBrowse.getState().clearFilters()}>
          Clear the search and dates
        </Button>
      )}
    </div>
  );
}
