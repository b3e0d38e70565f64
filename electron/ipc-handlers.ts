// The IPC handler table, built from an engine `api` object: one handler per method in
// API_METHODS. Every argument is validated with `parseApiArg` here, in main, whatever the
// renderer claims to send; handlers always resolve with an `IpcResponse` envelope so errors keep
// their code (Electron would flatten a rejection to a bare message). No Electron import.
import { API_METHODS, ApiError, parseApiArg } from '../engine/api.js';
import type { ApiErrorShape, ApiMethod, BeaconwatchApi } from '../engine/api.js';
import { channelFor } from './api-channels.js';
import type { IpcResponse } from './api-channels.js';

export type IpcHandler = (arg: unknown) => Promise<IpcResponse>;

export interface IpcHandlerEntry {
  method: ApiMethod;
  channel: `bw:${ApiMethod}`;
  handle: IpcHandler;
}

export interface IpcHandlerOptions {
  /** called with unexpected (non-ApiError) failures, for the main-process log */
  onUnexpectedError?: (method: ApiMethod, err: unknown) => void;
  /**
   * True once the engine is stopping: a page still open at quit may ask again (a poll, a
   * finding page's details) after the store closed; it gets a calm answer, not a SQLite error.
   */
  isStopping?: () => boolean;
}

export const STOPPING_ERROR: ApiErrorShape = { code: 'failed', message: 'Beaconwatch is shutting down' };

const ERROR_CODES: ReadonlySet<ApiErrorShape['code']> = new Set(['invalid-argument', 'not-found', 'unauthorized', 'failed']);

/** Maps anything thrown to the wire's error shape. Only ApiError keeps its code. */
export function toErrorShape(err: unknown): ApiErrorShape {
  if (err instanceof ApiError && ERROR_CODES.has(err.code))
    return { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
  if (err instanceof Error) return { code: 'failed', message: err.message || err.name };
  return { code: 'failed', message: String(err) };
}

export function buildIpcHandlers(api: BeaconwatchApi, opts: IpcHandlerOptions = {}): IpcHandlerEntry[] {
  return API_METHODS.map((method) => {
    const call = api[method] as (arg: unknown) => Promise<unknown>;
    if (typeof call !== 'function') throw new Error(`engine api lacks ${method}`);
    const handle: IpcHandler = async (arg) => {
      if (opts.isStopping?.()) return { ok: false, error: STOPPING_ERROR };
      try {
        const parsed = parseApiArg(method, arg);
        const result = await call.call(api, parsed);
        return { ok: true, result };
      } catch (err) {
        // the caller's mistakes are answered; failures (a SQLite error, wrapped or not) are also logged
        if (!(err instanceof ApiError) || err.code === 'failed') opts.onUnexpectedError?.(method, err);
        return { ok: false, error: toErrorShape(err) };
      }
    };
    return { method, channel: channelFor(method), handle };
  });
}
