// Registers one `ipcMain.handle('bw:<method>')` per API method (table from ipc-handlers.ts) and
// answers only frames that show our own page.
import { ipcMain } from 'electron';
import type { BeaconwatchApi } from '../engine/api.js';
import type { IpcResponse } from './api-channels.js';
import { buildIpcHandlers } from './ipc-handlers.js';
import type { Logger } from './log.js';
import { isTrustedSender } from './security.js';

export function registerIpc(api: BeaconwatchApi, rendererIndexUrl: string, log: Logger, isStopping: () => boolean): () => void {
  const entries = buildIpcHandlers(api, {
    isStopping,
    onUnexpectedError: (method, err) => log.error(`ipc ${method} failed`, err),
  });
  for (const { channel, method, handle } of entries) {
    ipcMain.handle(channel, async (event, arg: unknown): Promise<IpcResponse> => {
      const url = event.senderFrame?.url;
      if (!isTrustedSender(url, rendererIndexUrl)) {
        log.warn(`ipc ${method} refused: sender ${url ?? '(gone)'} is not the Beaconwatch page`);
        return { ok: false, error: { code: 'unauthorized', message: `${method}: not allowed from this page` } };
      }
      return handle(arg);
    });
  }
  return () => {
    for (const { channel } of entries) ipcMain.removeHandler(channel);
  };
}
