/** The per-library sidecars setting: its switch with the explanation (exact text, see src-shared/sidecar-texts.ts). */
import { Switch } from '@mantine/core';
import { useState } from 'react';
import type { Library } from '../../../src-shared/domain.ts';
import { SIDECARS_EXPLAINED, SIDECARS_LABEL } from '../../../src-shared/sidecar-texts.ts';
import { setLibrarySidecars } from '../../stores/sidecar-actions.ts';

/** The switch for one library; turning it on writes every sidecar as a job. */
export function SidecarsSwitch({ library }: { readonly library: Library }) {
  const [busy, setBusy] = useState(false);
  return (
    <Switch
      mt="md"
      mb="md"
      checked={library.writeSidecars}
      disabled={busy}
      label={`${SIDECARS_LABEL} (${library.name})`}
      description={SIDECARS_EXPLAINED}
      data-testid="library-sidecars"
      onChange={async (event) => {
        const enabled = event.currentTarget.checked;
        setBusy(true);
        await setLibrarySidecars(library.id, enabled);
        setBusy(false);
      }}
    />
  );
}
