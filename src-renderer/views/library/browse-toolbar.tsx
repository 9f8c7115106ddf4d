/**
 * The Library's toolbar: search (file name, folder, caption — every word), the capture date range,
 * the order, day or month groups, and the thumbnail size.
 */
import { CloseButton, Group, NativeSelect, SegmentedControl, Slider, Text, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { PhotoSort } from '../../../src-shared/domain.ts';
import { TILE_SIZE, useBrowse, type GroupBy } from '../../stores/browse-store.ts';

const SORTS: readonly { value: PhotoSort; label: string }[] = [
  { value: 'captured', label: 'Date taken' },
  { value: 'added', label: 'Date added' },
  { value: 'name', label: 'Name' },
];

export const BrowseToolbar = memo(function BrowseToolbar() {
  return (
    <Group className="ks-browse-toolbar" gap="sm" wrap="wrap" data-testid="browse-toolbar">
      <SearchBox />
      <BrowseControls />
    </Group>
  );
});

/** The search box, on its own: a key typed re-renders it, not the toolbar's other controls. */
const SearchBox = memo(function SearchBox() {
  const search = useBrowse((s) => s.search);
  const { setSearch } = useBrowse.getState();
  return (
    <TextInput
      className="ks-search"
      type="search"
      aria-label="Search photos"
      placeholder="Search names, folders, captions"
      value={search}
      onChange={(e) => setSearch(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && search !== '') {
          e.stopPropagation();
          setSearch('');
        }
      }}
      leftSection={<SearchIcon />}
      rightSection={search !== '' ? <CloseButton size="sm" aria-label="Clear the search" onClick={() => setSearch('')} /> : null}
      data-testid="search-input"
      size="sm"
    />
  );
});

/** The date range, the order, the groups and the thumbnail size. */
const BrowseControls = memo(function BrowseControls() {
  const capturedFrom = useBrowse((s) => s.capturedFrom);
  const capturedTo = useBrowse((s) => s.capturedTo);
  const sort = useBrowse((s) => s.sort);
  const groupBy = useBrowse((s) => s.groupBy);
  const tileSize = useBrowse((s) => s.tileSize);
  const { setDateRange, setSort, setGroupBy, setTileSize } = useBrowse.getState();
  return (
    <>
      <Group gap={6} wrap="nowrap" role="group" aria-labelledby="ks-taken-label">
        <Text size="sm" c="dimmed" id="ks-taken-label" component="span">
          Taken
        </Text>
        <TextInput type="date" aria-label="Taken from" size="sm" value={capturedFrom} max={capturedTo || undefined} onChange={(e) => setDateRange(e.currentTarget.value, capturedTo)} data-testid="date-from" className="ks-date-input" />
        <Text size="sm" c="dimmed" component="span" aria-hidden="true">
          –
        </Text>
        <TextInput type="date" aria-label="Taken until" size="sm" value={capturedTo} min={capturedFrom || undefined} onChange={(e) => setDateRange(capturedFrom, e.currentTarget.value)} data-testid="date-to" className="ks-date-input" />
        {(capturedFrom !== '' || capturedTo !== '') && <CloseButton size="sm" aria-label="Clear the dates" onClick={() => setDateRange('', '')} />}
      </Group>
      <NativeSelect aria-label="Sort by" size="sm" data={SORTS.map((s) => ({ ...s }))} value={sort} onChange={(e) => setSort(e.currentTarget.value as PhotoSort)} data-testid="sort-select" leftSection={<SortIcon />} />
      {sort !== 'name' && (
        <SegmentedControl
          size="sm"
          aria-label="Group by"
          data={[
            { value: 'month', label: 'Months' },
            { value: 'day', label: 'Days' },
          ]}
          value={groupBy}
          onChange={(v) => setGroupBy(v as GroupBy)}
          data-testid="group-by"
        />
      )}
      <Group gap={6} wrap="nowrap" className="ks-size-slider">
        <TileIcon size={10} />
        <Slider min={TILE_SIZE.min} max={TILE_SIZE.max} step={10} value={tileSize} onChange={setTileSize} label={null} thumbLabel="Thumbnail size" size="sm" data-testid="size-slider" style={{ flex: 1 }} />
        <TileIcon size={16} />
      </Group>
    </>
  );
});

function SearchIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-4-4" />
    </svg>
  );
}

function SortIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M7 4v16M3 16l4 4 4-4M14 6h7M14 12h5M14 18h3" />
    </svg>
  );
}

/** A small or large square beside the size slider. */
function TileIcon({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 10 10" aria-hidden="true" className="ks-tile-icon">
      <rect x="0.5" y="0.5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" />
    </svg>
  );
}
