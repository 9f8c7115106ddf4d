/** Renders the notification stack (bottom right); errors carry the server's message. */
import { Notification, Stack } from '@mantine/core';
import { useNotifications } from '../stores/notifications-store.ts';

/** The toasts, newest last. */
export function NotificationsStack() {
  const toasts = useNotifications((s) => s.toasts);
  const dismiss = useNotifications((s) => s.dismiss);
  if (toasts.length === 0) return null;
  return (
    <Stack className="ks-toasts" gap="xs" aria-live="polite" data-testid="notifications">
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
          {t.message}
        </Notification>
      ))}
    </Stack>
  );
}
