/** What the renderer's key handlers share: the platform (⌘ or Ctrl) and whether the user is typing. */
import type { ShortcutPlatform } from '../../src-shared/keyboard-shortcuts.ts';

/** macOS (⌘) or not (Ctrl), from the browser's own report. */
export const PLATFORM: ShortcutPlatform = /Mac|iPhone|iPad/i.test(
  (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform || navigator.platform || navigator.userAgent,
)
  ? 'mac'
  : 'other';

/** Whether a key event's target takes text (a key typed there is text, not a shortcut). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (element === null || typeof element.tagName !== 'string') return false;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
}
