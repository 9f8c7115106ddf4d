/// <reference types="vite/client" />
/**
 * Renderer entry. Under Vite's dev server only (`import.meta.env.DEV`: `npm run dev:renderer`,
 * src-renderer/dev/serve-dev.ts), `?fake` with no Keepsake bridge installs an in-memory fake bridge
 * (dev/fake-bridge.ts) so the UI can be looked at without a backend. A production build folds the
 * branch away, so the fake bridge is not in build/renderer; the app and the e2e harness always use the
 * real bridge.
 */
import '@mantine/core/styles.css';
import './app/app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasBridge } from './api/client.ts';
import { App } from './app/app.tsx';
import { colorSchemeManager, cssVariablesResolver, theme } from './app/theme.ts';

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  if (import.meta.env.DEV && !hasBridge() && params.has('fake')) {
    const { installFakeBridge } = await import('./dev/fake-bridge.ts');
    installFakeBridge({ count: Number(params.get('fake')) || undefined, empty: params.has('empty') });
  }
  const scheme = params.get('scheme');
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        colorSchemeManager={colorSchemeManager}
        defaultColorScheme="auto"
        {...(scheme === 'dark' || scheme === 'light' ? { forceColorScheme: scheme } : {})}
      >
        {hasBridge() ? <App /> : <NoBridge />}
      </MantineProvider>
    </StrictMode>,
  );
}

function NoBridge() {
  return (
    <main style={{ padding: 32, fontFamily: 'system-ui' }} role="alert">
      <h1>Keepsake could not start</h1>
      <p>The connection to Keepsake’s main process is missing. Open Keepsake from its application icon.</p>
    </main>
  );
}

void start();
