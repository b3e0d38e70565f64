// The IPC wire format between the preload and Electron main. Plain module (no Electron import):
// main, the tests and (by duplication, see preload.cts) the preload agree on these names.
import type { ApiErrorShape, ApiMethod, ApiPush } from '../engine/api.js';

/** Every call travels on its own channel: `bw:<method>`. */
export function channelFor(method: ApiMethod): `bw:${ApiMethod}` {
  return `bw:${method}`;
}

/** Main → window pushes. */
export const PUSH_CHANNELS: { readonly [K in keyof ApiPush]: `bw:push:${K}` } = {
  openPair: 'bw:push:openPair',
  changed: 'bw:push:changed',
};

/** What an `ipcMain.handle('bw:<method>')` handler resolves with (it never rejects). */
export type IpcResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };
