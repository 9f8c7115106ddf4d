/** Says, above every view, that the library is shown read-only and why, while another process holds it. */
import { Alert } from '@mantine/core';
import { useAccess } from '../stores/access-store.ts';

export function ReadOnlyBanner() {
  const access = useAccess((s) => s.access);
  if (access.writable) return null;
  return (
    <Alert color="yellow" variant="light" radius={0} title="Read-only for now" data-testid="read-only-banner">
      {access.message ?? 'This library is in use by another Keepsake process'}. You can browse it; changes wait until that
      finishes, then Keepsake takes over by itself.
    </Alert>
  );
}
