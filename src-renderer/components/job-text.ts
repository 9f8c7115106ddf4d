/**
 * Human texts for jobs: button labels (exact texts the e2e specs look for) and what a finished job
 * did, in words ("8 new files, 3 relinked, 18 files could not be imported") — never its result's
 * keys (the `keepsake` command keeps printing those for scripts).
 */
import type {
  DeleteMissingResult,
  JobRecord,
  LiveChangesResult,
  LocateResult,
  RefreshThumbnailsResult,
  ScanMissingResult,
  ScanResult,
  SidecarsResult,
} from '../../src-shared/domain.ts';

export { JOB_LABELS } from '../../src-shared/job-labels.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "12 photos", "1 photo". */
export const countPhotos = (n: number): string => plural(n, 'photo');

/** "1 folder was skipped: its drive is not connected". */
const skipped = (n: number): string => (n === 1 ? '1 folder skipped: its drive is not connected' : `${n.toLocaleString()} folders skipped: their drives are not connected`);

/** "18 files could not be imported". */
export const problemsText = (n: number): string => `${plural(n, 'file')} could not be imported`;

function scanSummary(r: ScanResult): string {
  const parts: string[] = [];
  if (r.added > 0) parts.push(`${plural(r.added, 'new file')}`);
  if (r.relinked > 0) parts.push(`${r.relinked.toLocaleString()} relinked`);
  if (r.restored_from_trash > 0) parts.push(`${r.restored_from_trash.toLocaleString()} back from the trash`);
  if (r.problems > 0) parts.push(problemsText(r.problems));
  if (r.skipped_roots > 0) parts.push(skipped(r.skipped_roots));
  if (r.missing > 0) parts.push(`${plural(r.missing, 'file')} still missing`);
  return parts.length > 0 ? parts.join(', ') : 'Nothing new: every photo is where it was.';
}

function scanMissingSummary(r: ScanMissingResult): string {
  const parts = [`Checked ${plural(r.checked, 'file')}`];
  const found: string[] = [];
  if (r.missing > 0) found.push(r.newly_missing > 0 && r.newly_missing < r.missing ? `${r.missing.toLocaleString()} missing (${r.newly_missing.toLocaleString()} since the last check)` : `${r.missing.toLocaleString()} missing`);
  if (r.restored > 0) found.push(`${r.restored.toLocaleString()} back where ${r.restored === 1 ? 'it was' : 'they were'}`);
  if (r.unreadable > 0) found.push(`${r.unreadable.toLocaleString()} cannot be read`);
  const head = found.length > 0 ? `${parts[0]}: ${found.join(', ')}` : `${parts[0]}: nothing is missing`;
  return r.skipped_roots > 0 ? `${head}; ${skipped(r.skipped_roots)}` : head;
}

function deleteSummary(r: DeleteMissingResult): string {
  const { photos, faces, album_links: links, offline_photos: offline } = r.removed;
  if (photos === 0) return 'Nothing to remove.';
  const withWhat = [faces > 0 ? plural(faces, 'face') : '', links > 0 ? plural(links, 'album link') : ''].filter(Boolean);
  const offlineText = offline > 0 ? ` (${offline.toLocaleString()} of them on offline drives)` : '';
  return `${countPhotos(photos)} removed${offlineText}${withWhat.length > 0 ? `, with ${withWhat.join(' and ')}` : ''}. Files on disk were not touched.`;
}

function locateSummary(r: LocateResult): string {
  const parts = [r.relinked > 0 ? `${plural(r.relinked, 'file')} relinked` : 'No file relinked'];
  if (r.not_found > 0) parts.push(`${plural(r.not_found, 'file')} not at the new place`);
  if (r.mismatched > 0) parts.push(`${plural(r.mismatched, 'file')} there with other content, left as ${r.mismatched === 1 ? 'it was' : 'they were'}`);
  return parts.join(', ');
}

function refreshSummary(r: RefreshThumbnailsResult): string {
  const parts = [`${plural(r.refreshed, 'thumbnail')} remade`];
  if (r.failed > 0) parts.push(`${r.failed.toLocaleString()} could not be made`);
  if (r.waiting > 0) parts.push(`${r.waiting.toLocaleString()} wait for their file or for ffmpeg`);
  return parts.join(', ');
}

function sidecarsSummary(r: SidecarsResult, reading: boolean): string {
  const parts = [reading ? `${countPhotos(r.read)} took what their sidecar says` : `${plural(r.written, 'sidecar')} written`];
  if (r.unchanged > 0) parts.push(`${r.unchanged.toLocaleString()} already up to date`);
  if (r.skipped > 0) parts.push(`${r.skipped.toLocaleString()} left for later (drive not connected, or photo missing)`);
  if (r.problems > 0) parts.push(`${plural(r.problems, 'sidecar')} could not be ${reading ? 'read' : 'written'}`);
  // What another app changed, as the sidecars said it: the first few, then how many more.
  const changes = (r.changes ?? []).slice(0, 3).map((c) => `${c.path.split(/[\\/]/).pop() ?? c.path}: ${c.field} ${c.from || '—'} → ${c.to || '—'}`);
  const more = (r.changes_total ?? 0) - changes.length;
  const changed = changes.length > 0 ? `. Changed from sidecars: ${changes.join('; ')}${more > 0 ? ` and ${more.toLocaleString()} more` : ''}` : '';
  return parts.join(', ') + changed;
}

function liveSummary(r: LiveChangesResult): string {
  // The issue's quiet line: "Keepsake noticed 12 moved photos".
  const parts = [
    r.moved > 0 ? plural(r.moved, 'moved photo') : '',
    r.added > 0 ? plural(r.added, 'new photo') : '',
    r.changed > 0 ? plural(r.changed, 'edited photo') : '',
    r.restored > 0 ? plural(r.restored, 'photo back', 'photos back') : '',
    r.missing > 0 ? plural(r.missing, 'missing photo') : '',
  ].filter(Boolean);
  return parts.length > 0 ? `Keepsake noticed ${parts.join(', ')}` : 'Keepsake noticed no change.';
}

/** Any other result: its counts, keys in words. */
function countsSummary(r: Record<string, unknown>): string {
  const counts = Object.entries(r).filter(([, v]) => typeof v === 'number');
  const nonZero = counts.filter(([, v]) => v !== 0);
  return (nonZero.length ? nonZero : counts.slice(0, 1)).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${(v as number).toLocaleString()}`).join(', ');
}

/** A one-line summary of what a finished job did, in words. */
export function jobResultSummary(job: JobRecord): string {
  const r = job.result as Record<string, unknown> | null;
  if (!r) return '';
  switch (job.type) {
    case 'scan_photos':
      return scanSummary(r as unknown as ScanResult);
    case 'scan_missing':
      return scanMissingSummary(r as unknown as ScanMissingResult);
    case 'delete_missing':
      return 'removed' in r ? deleteSummary(r as unknown as DeleteMissingResult) : countsSummary(r);
    case 'locate_folder':
      return locateSummary(r as unknown as LocateResult);
    case 'refresh_thumbnails':
      return refreshSummary(r as unknown as RefreshThumbnailsResult);
    case 'write_sidecars':
    case 'read_sidecars':
      return sidecarsSummary(r as unknown as SidecarsResult, job.type === 'read_sidecars');
    case 'live_changes':
      return liveSummary(r as unknown as LiveChangesResult);
    default:
      return countsSummary(r);
  }
}

