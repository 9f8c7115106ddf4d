/**
 * Renders the notification stack in the bottom right corner, away from the views' main actions (top
 * right) and the sidebar; errors carry the server's message. At most MAX_TOASTS show (the store
 * keeps no more). A toast never covers a dialog: while one is open and the stack would overlap it,
 * the stack goes under the dialogs' layer (see useUnderDialogs).
 */
import { Button, Group, Notification, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useNotifications } from '../stores/notifications-store.ts';

/** Whether two rectangles overlap. */
const overlap = (a: DOMRect, b: DOMRect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * True while an open dialog (a Mantine modal's content, role="dialog") and the stack overlap. Looked
 * at when a dialog opens or closes (in the portals, outside the app's root: what the app's own views
 * render, a scrolled grid's rows, is not looked at), after its opening transition, when the stack
 * changes and when the window is resized.
 */
function useUnderDialogs(stack: RefObject<HTMLElement | null>, count: number): boolean {
  const [under, setUnder] = useState(false);
  useEffect(() => {
    if (count === 0) return;
    const check = (): void => {
      const mine = stack.current?.getBoundingClientRect();
      if (!mine) return;
      const dialogs = [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].filter((d) => !stack.current?.contains(d));
      setUnder(dialogs.some((dialog) => overlap(mine, dialog.getBoundingClientRect())));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      check();
      clearTimeout(timer);
      timer = setTimeout(check, 300); // after a modal's opening transition
    };
    const app = document.getElementById('root');
    const observer = new MutationObserver((records) => {
      if (records.some((record) => app === null || !app.contains(record.target))) soon();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', soon);
    soon();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', soon);
      clearTimeout(timer);
    };
  }, [stack, count]);
  return count > 0 && under;
}

/** The toasts, newest last (nearest the corner). */
export function NotificationsStack() {
  const toasts = useNotifications((s) => s.toasts);
  const dismiss = useNotifications((s) => s.dismiss);
  const ref = useRef<HTMLDivElement>(null);
  const under = useUnderDialogs(ref, toasts.length);
  if (toasts.length === 0) return null;
  return (
    <Stack ref={ref} className="ks-toasts" gap="xs" aria-live="polite" data-testid="notifications" data-under-dialog={under || undefined}>
      {toasts.map((t) => (
        <Notification
          key={t.id}
          title={t.title}
          color={t.color}
          withBorder
          role={t.color === 'red' ? 'alert' : 'status'}
          onClose={() => dismiss(t.id)}
          closeButtonProps={{ 'aria-label': 'Dismiss notification' }}
        >
          {t.action ? (
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t.message}</Text>
              <Button
                size="compact-sm"
                variant="light"
                style={{ flexShrink: 0 }}
                onClick={() => {
                  dismiss(t.id);
                  t.action?.run();
                }}
              >
                {t.action.label}
              </Button>
            </Group>
          ) : (
            t.message
          )}
        </Notification>
      ))}
    </Stack>
  );
}
