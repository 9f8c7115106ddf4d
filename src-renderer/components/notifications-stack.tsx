/** Renders the notification stack (bottom right); errors carry the server's message. */
import { Button, Group, Notification, Stack, Text } from '@mantine/core';
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
