/** The preload's API, the renderer's only door to the main process (used only by api/client.ts). */
import type { KeepsakeBridge } from '../src-shared/contract.ts';

declare global {
  interface Window {
    keepsake: KeepsakeBridge;
  }
}
