// The sandboxed preload. It must be CommonJS (sandboxed preloads cannot be ES modules) and may
// `require` only 'electron' (the sandbox offers no other module and no relative files), so the
// method list is written out here; tests/electron-shell.test.ts checks it equals API_METHODS and
// the `satisfies` below makes the type check fail when the contract gains or loses a method.
//
// Exposes `window.beaconwatch`: one named async function per API method (never a generic
// `invoke(channel)`), plus `onOpenPair(cb)` / `onChanged(cb)` returning an unsubscribe.
import electron = require('electron');
import type { ApiErrorShape, ApiMethod, ApiPush } from '../engine/api.js';

const { contextBridge, ipcRenderer } = electron;

const METHOD_SET = {
  getStatus: true,
  listFindings: true,
  getPair: true,
  dismissPair: true,
  listDevices: true,
  setDeviceLabel: true,
  getSettings: true,
  updateSettings: true,
  detectZeekDirs: true,
  pickZeekDir: true,
  rescoreNow: true,
  setPaused: true,
  loadDemo: true,
  listAllowRules: true,
  addAllowRule: true,
  updateAllowRule: true,
  removeAllowRule: true,
  importAllowRules: true,
  exportAllowRules: true,
  suggestLocalNetworks: true,
  sendTestAlert: true,
  getEventDetails: true,
  getDataTimeline: true,
  scoreWindow: true,
  getReview: true,
  decideReview: true,
  finishReview: true,
  getIntelStatus: true,
  updateIntelNow: true,
  importIntel: true,
  updateIntelConfig: true,
  listLongConnections: true,
  setFindingCase: true,
} as const satisfies Record<ApiMethod, true>;

const METHODS = Object.keys(METHOD_SET) as ApiMethod[];

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

/**
 * Rebuilds a real Error from the envelope's `{ error }`: name 'ApiError', `code` kept.
 * (contextBridge copies only an Error's message into the page; see the report in the PR.)
 */
function toError(method: string, error: ApiErrorShape | undefined): Error {
  // contextBridge keeps only the message: carry the code in it as "[code] message"; the
  // renderer's api-client takes it back out.
  // A refused setting's field errors ride after the message as "\n[fields] [json]" (FIELDS_TRAILER).
  const code = error?.code ?? 'failed';
  const fields = error?.fields?.length ? `\n[fields] ${JSON.stringify(error.fields)}` : '';
  const err = new Error(`[${code}] ${error?.message ?? `${method}: no answer`}${fields}`) as Error & { code: ApiErrorShape['code'] };
  err.name = 'ApiError';
  err.code = code;
  return err;
}

function isEnvelope(v: unknown): v is Envelope {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

function call(method: ApiMethod) {
  // an object literal gives the function its name (e.g. `getStatus`)
  return {
    async [method](arg?: unknown): Promise<unknown> {
      const res: unknown = await ipcRenderer.invoke(`bw:${method}`, arg ?? {});
      if (!isEnvelope(res)) throw toError(method, { code: 'failed', message: `${method}: malformed answer` });
      if (res.ok) return res.result;
      throw toError(method, res.error);
    },
  }[method] as (arg?: unknown) => Promise<unknown>;
}

function subscribe<K extends keyof ApiPush>(event: K, cb: (payload: ApiPush[K]) => void): () => void {
  if (typeof cb !== 'function') throw new TypeError(`on${event}: callback must be a function`);
  const channel = `bw:push:${event}`;
  // never hand the IpcRendererEvent (it carries `sender`) to the page
  const listener = (_e: unknown, payload: ApiPush[K]) => cb(payload);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

const exposed: Record<string, unknown> = {};
for (const m of METHODS) exposed[m] = call(m);
exposed.onOpenPair = function onOpenPair(cb: (payload: ApiPush['openPair']) => void) {
  return subscribe('openPair', cb);
};
exposed.onChanged = function onChanged(cb: (payload: ApiPush['changed']) => void) {
  return subscribe('changed', cb);
};

contextBridge.exposeInMainWorld('beaconwatch', Object.freeze(exposed));
