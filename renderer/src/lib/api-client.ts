// The renderer's one door to the engine. Picks the transport at start: the Electron preload
// (`window.beaconwatch`) when present, else HTTP (`POST /api/<method>`, as `beaconwatch serve`
// answers). Only types come from the engine: no engine code (nor zod) ends up in the bundle.
import type { ApiErrorShape, FieldError, ApiMethod, ApiPush, ApiResults, BeaconwatchApi } from '../../../engine/api.js';
import { isFieldErrors, splitFieldsTrailer } from './field-errors.js';

export type PushListener = <E extends keyof ApiPush>(event: E, payload: ApiPush[E]) => void;

export type ApiClient = BeaconwatchApi & {
  /** desktop only: notification clicks and data changes; returns an unsubscribe */
  onPush?(listener: PushListener): () => void;
  readonly transport: 'ipc' | 'http';
};

/** Every method of the contract, once; the type check fails when engine/api.ts gains or loses one. */
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

export const METHODS = Object.keys(METHOD_SET) as ApiMethod[];

/** An error from the engine, with the contract's code (mirrors engine ApiError, no runtime import). */
export class ClientError extends Error {
  constructor(
    readonly code: ApiErrorShape['code'] | 'network',
    message: string,
    /** a refused setting: each field's problem in the page's words (ApiErrorShape.fields) */
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The field errors an error carries (none for anything but a refused setting). */
export function fieldErrorsOf(e: unknown): FieldError[] {
  return e instanceof ClientError ? e.fields : [];
}

type Unsubscribe = () => void;
/** What the Electron preload exposes. */
export type PreloadApi = { [K in ApiMethod]: BeaconwatchApi[K] } & {
  onOpenPair(cb: (payload: ApiPush['openPair']) => void): Unsubscribe | void;
  onChanged(cb: (payload: ApiPush['changed']) => void): Unsubscribe | void;
};

declare global {
  interface Window {
    beaconwatch?: PreloadApi;
  }
}

const TOKEN_KEY = 'beaconwatch.token';

/** Reads the token once from `#token=…` (then removes it from the address bar) or sessionStorage. */
export function readToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* storage may be disabled; the token still works for this page */
    }
    history.replaceState(null, '', location.pathname + location.search + '#/overview');
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function isErrorShape(v: unknown): v is ApiErrorShape {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorShape).message === 'string';
}

function ipcClient(preload: PreloadApi): ApiClient {
  const api = {} as Record<ApiMethod, (arg: unknown) => Promise<unknown>>;
  for (const m of METHODS) {
    api[m] = async (arg: unknown) => {
      try {
        return await (preload[m] as (a: unknown) => Promise<unknown>)(arg ?? {});
      } catch (e) {
        // Electron flattens errors crossing IPC: keep the code when the preload kept it
        // contextBridge keeps only the message; the preload writes it as "[code] message".
        const raw = e instanceof Error ? e.message.replace(/^Error invoking remote method '[^']+': (\w*Error: )?/, '') : String(e);
        const tagged = /^\[(invalid-argument|not-found|unauthorized|failed)\] ([\s\S]*)$/.exec(raw);
        const code = (tagged?.[1] as ApiErrorShape['code'] | undefined) ?? (e as { code?: ApiErrorShape['code'] }).code ?? 'failed';
        const { message, fields } = splitFieldsTrailer(tagged?.[2] ?? raw);
        throw new ClientError(code, message, fields);
      }
    };
  }
  const client = api as unknown as ApiClient;
  return Object.assign(client, {
    transport: 'ipc' as const,
    onPush(listener: PushListener) {
      const offs = [preload.onOpenPair((p) => listener('openPair', p)), preload.onChanged((p) => listener('changed', p))];
      return () => offs.forEach((off) => off?.());
    },
  });
}

function httpClient(token: string | null): ApiClient {
  const api = {} as Record<ApiMethod, (arg: unknown) => Promise<unknown>>;
  for (const m of METHODS) {
    api[m] = async (arg: unknown) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token) headers['Authorization'] = `Bearer ${token}`;
      let res: Response;
      try {
        res = await fetch(`api/${m}`, { method: 'POST', headers, body: JSON.stringify(arg ?? {}) });
      } catch {
        throw new ClientError('network', 'Beaconwatch is not answering. Is `beaconwatch serve` still running?');
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ClientError('failed', `Unexpected answer from the server (HTTP ${res.status}).`);
      }
      const b = body as { ok?: boolean; result?: unknown; error?: unknown };
      if (b.ok === true) return b.result;
      if (isErrorShape(b.error))
        throw new ClientError(b.error.code ?? 'failed', b.error.message, isFieldErrors(b.error.fields) ? b.error.fields : []);
      throw new ClientError('failed', `Unexpected answer from the server (HTTP ${res.status}).`);
    };
  }
  return Object.assign(api as unknown as ApiClient, { transport: 'http' as const });
}

export function createApiClient(): ApiClient {
  return window.beaconwatch ? ipcClient(window.beaconwatch) : httpClient(readToken());
}

/** The client the views use (created once at start). */
export const api: ApiClient = createApiClient();

export type { ApiResults };
