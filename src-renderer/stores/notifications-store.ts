/** Toast notifications shown at the corner of the window (errors are never swallowed silently). */
import { create } from 'zustand';
import { errorMessage } from '../api/client.ts';

export interface Toast {
  readonly id: number;
  readonly title: string;
  readonly message: string;
  readonly color: 'red' | 'green' | 'blue' | 'yellow';
  /** A button in the toast (Undo): the toast then stays 15 s, long enough to reach it. */
  readonly action?: { readonly label: string; run(): void };
}

interface NotificationsState {
  readonly toasts: readonly Toast[];
  push(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;
const MAX_TOASTS = 3;

/** The notification stack. */
export const useNotifications = create<NotificationsState>()((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    // Errors stay until dismissed; good news fades away by itself.
    if (toast.color !== 'red') setTimeout(() => useNotifications.getState().dismiss(id), toast.action ? 15000 : 5000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Shows an error with the server's message. */
export const notifyError = (title: string, error: unknown): void =>
  useNotifications.getState().push({ title, message: errorMessage(error), color: 'red' });

/** Shows a short success/info message. */
export const notifyInfo = (title: string, message: string, color: Toast['color'] = 'green', action?: Toast['action']): void =>
  useNotifications.getState().push({ title, message, color, ...(action ? { action } : {}) });
