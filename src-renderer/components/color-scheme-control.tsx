/** The Light / Dark / System choice in the header (also View → Appearance); Mantine keeps it in local storage. */
import { SegmentedControl, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const CHOICES: { label: string; value: MantineColorScheme }[] = [
  { label: 'Light', value: 'light' },
  { label: 'Dark', value: 'dark' },
  { label: 'System', value: 'auto' },
];

/** The appearance switch. */
export function ColorSchemeControl() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <div role="group" aria-label="Appearance" data-testid="appearance">
      <SegmentedControl size="xs" data={CHOICES} value={colorScheme} onChange={(value) => setColorScheme(value as MantineColorScheme)} />
    </div>
  );
}
