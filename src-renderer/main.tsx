/**
 * Renderer entry. In development, `?fake` with no Keepsake bridge installs an in-memory fake bridge
 * (dev/fake-bridge.ts, loaded as a separate chunk only then) so the UI can be looked at without a
 * backend; inside the app or the e2e harness the real bridge is always used.
 */
import '@mantine/core/styles.css';
import './app/app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasBridge } from './api/client.ts';
import { App } from './app/app.tsx';
import { theme } from './app/theme.ts';

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  if (!hasBridge() && params.has('fake')) {
    const { installFakeBridge } = await import('./dev/fake-bridge.ts');
    installFakeBridge({ count: Number(params.get('fake')) || undefined, empty: params.has('empty') });
  }
  const scheme = params.get('scheme');
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="auto" {...(scheme === 'dark' || scheme === 'light' ? { forceColorScheme: scheme } : {})}>
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
