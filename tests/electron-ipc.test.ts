// The desktop shell's IPC, tested in plain Node (no Electron): the handler table built in main
// and the sandboxed preload (run in a vm with a fake `electron`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { API_METHODS, ApiError } from '../engine/api.js';
import { PUSH_CHANNELS, channelFor } from '../electron/api-channels.js';
import { STOPPING_ERROR, buildIpcHandlers, toErrorShape } from '../electron/ipc-handlers.js';
import { recordingApi } from './support/electron-fixtures.js';
import { splitFieldsTrailer } from '../renderer/src/lib/field-errors.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// ---------- IPC handler table ----------

test('ipc: one handler per API method, on bw:<method>', () => {
  const { api } = recordingApi();
  const entries = buildIpcHandlers(api);
  assert.deepEqual(
    entries.map((e) => e.method),
    API_METHODS,
  );
  for (const e of entries) assert.equal(e.channel, `bw:${e.method}`);
  assert.equal(new Set(entries.map((e) => e.channel)).size, API_METHODS.length);
  assert.equal(channelFor('getPair'), 'bw:getPair');
});

test('ipc: arguments are validated in main before the engine sees them', async () => {
  const { api, calls } = recordingApi({ getPair: (arg) => ({ got: arg }) });
  const handlers = new Map(buildIpcHandlers(api).map((e) => [e.method, e.handle]));
  const getPair = handlers.get('getPair')!;

  assert.deepEqual(await getPair({ pairId: 7 }), { ok: true, result: { got: { pairId: 7 } } });

  for (const bad of [{ pairId: -1 }, { pairId: '7' }, { pairId: 7, extra: 1 }, 'x', [], null]) {
    const r = await getPair(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
    if (!r.ok) {
      assert.equal(r.error.code, 'invalid-argument');
      assert.match(r.error.message, /^getPair: /);
    }
  }
  assert.equal(calls.length, 1, 'the engine saw only the valid call');

  // argument-less calls accept nothing/undefined as {}
  const r = await handlers.get('getStatus')!(undefined);
  assert.deepEqual(r, { ok: true, result: { method: 'getStatus' } });
  assert.equal((await handlers.get('getStatus')!({ sneaky: true })).ok, false);
});

test('ipc: engine errors keep their code; unexpected ones become "failed" and are reported', async () => {
  const unexpected: string[] = [];
  const { api } = recordingApi({
    getPair: () => {
      throw new ApiError('not-found', 'pair 9 not found');
    },
    rescoreNow: () => {
      throw new TypeError('boom');
    },
  });
  const handlers = new Map(buildIpcHandlers(api, { onUnexpectedError: (m) => unexpected.push(m) }).map((e) => [e.method, e.handle]));
  assert.deepEqual(await handlers.get('getPair')!({ pairId: 9 }), { ok: false, error: { code: 'not-found', message: 'pair 9 not found' } });
  assert.deepEqual(await handlers.get('rescoreNow')!({}), { ok: false, error: { code: 'failed', message: 'boom' } });
  assert.deepEqual(unexpected, ['rescoreNow']);
  assert.deepEqual(toErrorShape('plain'), { code: 'failed', message: 'plain' });
});

test('ipc: a refused setting answers with its field errors in the page words', async () => {
  const { api, calls } = recordingApi();
  const handlers = new Map(buildIpcHandlers(api).map((e) => [e.method, e.handle]));
  assert.deepEqual(await handlers.get('updateSettings')!({ rescoreIntervalS: 0, alertThreshold: 1.5 }), {
    ok: false,
    error: {
      code: 'invalid-argument',
      message: 'Rescore every: at least 1 minute; Alert above: at most 100 %',
      fields: [
        { field: 'rescoreIntervalS', message: 'Rescore every: at least 1 minute' },
        { field: 'alertThreshold', message: 'Alert above: at most 100 %' },
      ],
    },
  });
  assert.equal(calls.length, 0, 'the engine never saw it');
});

test('ipc: once the engine is stopping, calls are answered without reaching it or the error log', async () => {
  let stopping = false;
  const unexpected: string[] = [];
  const { api, calls } = recordingApi({ getPair: (arg) => ({ got: arg }) });
  const handlers = new Map(
    buildIpcHandlers(api, { isStopping: () => stopping, onUnexpectedError: (m) => unexpected.push(m) }).map((e) => [e.method, e.handle]),
  );
  assert.deepEqual(await handlers.get('getPair')!({ pairId: 3 }), { ok: true, result: { got: { pairId: 3 } } });
  stopping = true;
  assert.deepEqual(await handlers.get('getPair')!({ pairId: 3 }), { ok: false, error: STOPPING_ERROR });
  assert.deepEqual(await handlers.get('getEventDetails')!({ pairId: 3 }), { ok: false, error: STOPPING_ERROR });
  assert.equal(calls.length, 1, 'the engine saw only the call made before stopping');
  assert.deepEqual(unexpected, []);
});

// ---------- the sandboxed preload ----------

interface FakeIpcRenderer {
  invoked: { channel: string; arg: unknown }[];
  listeners: Map<string, Set<(...a: unknown[]) => void>>;
  answer: (channel: string, arg: unknown) => unknown;
}

function loadPreload(answer: FakeIpcRenderer['answer']) {
  const source = readFileSync(path.join(root, 'electron', 'preload.cts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: 'preload.cts',
  }).outputText;
  const ipc: FakeIpcRenderer = { invoked: [], listeners: new Map(), answer };
  const exposed: { key: string; api: Record<string, unknown> }[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }),
    },
    ipcRenderer: {
      invoke: async (channel: string, arg: unknown) => {
        ipc.invoked.push({ channel, arg });
        return ipc.answer(channel, arg);
      },
      on: (channel: string, l: (...a: unknown[]) => void) => {
        if (!ipc.listeners.has(channel)) ipc.listeners.set(channel, new Set());
        ipc.listeners.get(channel)!.add(l);
      },
      removeListener: (channel: string, l: (...a: unknown[]) => void) => {
        ipc.listeners.get(channel)?.delete(l);
      },
    },
  };
  // the sandbox's require knows only a few modules; the preload may use nothing but 'electron'
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`preload required ${id}: a sandboxed preload can only require 'electron'`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInNewContext(`(function (require, exports, module) {${js}\n})`, {}, { filename: 'preload.cjs' }) as (
    r: typeof sandboxRequire,
    e: unknown,
    m: unknown,
  ) => void;
  wrapper(sandboxRequire, module.exports, module);
  assert.equal(exposed.length, 1, 'exposes exactly one object');
  return { ipc, exposed: exposed[0]! };
}

test('preload: exposes one named function per API method (in API_METHODS order), plus onOpenPair/onChanged', () => {
  const { exposed } = loadPreload(() => ({ ok: true, result: null }));
  assert.equal(exposed.key, 'beaconwatch');
  const keys = Object.keys(exposed.api);
  assert.deepEqual(
    keys.filter((k) => !k.startsWith('on')),
    API_METHODS,
    'preload.cts METHOD_SET must list exactly API_METHODS',
  );
  assert.deepEqual(keys.filter((k) => k.startsWith('on')).sort(), ['onChanged', 'onOpenPair']);
  for (const k of keys) {
    const fn = exposed.api[k];
    assert.equal(typeof fn, 'function', k);
    assert.equal((fn as { name: string }).name, k, `${k} is a named function`);
  }
  assert.ok(!('invoke' in exposed.api), 'no generic invoke(channel)');
  assert.ok(Object.isFrozen(exposed.api));
});

test('preload: calls travel on bw:<method>; results unwrap; errors are rebuilt as ApiError with the code', async () => {
  const { ipc, exposed } = loadPreload((channel, arg) => {
    if (channel === 'bw:getPair') return { ok: false, error: { code: 'not-found', message: 'pair 3 not found' } };
    if (channel === 'bw:getSettings') return 'garbage';
    if (channel === 'bw:updateSettings')
      return {
        ok: false,
        error: {
          code: 'invalid-argument',
          message: 'Keep data for: at least 1 day',
          fields: [{ field: 'retentionDays', message: 'Keep data for: at least 1 day' }],
        },
      };
    return { ok: true, result: { channel, arg } };
  });
  const api = exposed.api as Record<string, (a?: unknown) => Promise<unknown>>;
  assert.deepEqual(await api.listFindings!({ limit: 5 }), { channel: 'bw:listFindings', arg: { limit: 5 } });
  // the default {} is made in the vm's realm: compare as JSON
  assert.deepEqual(JSON.parse(JSON.stringify(await api.getStatus!())), { channel: 'bw:getStatus', arg: {} });
  await assert.rejects(api.getPair!({ pairId: 3 }), (e: Error & { code?: string }) => {
    // the Error comes from the vm's realm: compare by shape
    assert.equal(Object.prototype.toString.call(e), '[object Error]');
    assert.equal(e.name, 'ApiError');
    assert.equal(e.code, 'not-found');
    assert.equal(e.message, '[not-found] pair 3 not found', 'the code travels in the message: contextBridge drops other fields');
    return true;
  });
  await assert.rejects(api.getSettings!({}), (e: Error & { code?: string }) => e.code === 'failed' && /malformed/.test(e.message));
  // a refused setting's field errors ride after the message, for the renderer's api-client to take back out
  await assert.rejects(api.updateSettings!({ retentionDays: 0 }), (e: Error) => {
    assert.equal(
      e.message,
      '[invalid-argument] Keep data for: at least 1 day\n[fields] [{"field":"retentionDays","message":"Keep data for: at least 1 day"}]',
    );
    // and the renderer takes them back out (what its api-client does after removing "[code] ")
    assert.deepEqual(splitFieldsTrailer(e.message.replace(/^\[invalid-argument\] /, '')), {
      message: 'Keep data for: at least 1 day',
      fields: [{ field: 'retentionDays', message: 'Keep data for: at least 1 day' }],
    });
    return true;
  });
  assert.deepEqual(
    splitFieldsTrailer('x\n[fields] [{"field":1}]'),
    { message: 'x\n[fields] [{"field":1}]', fields: [] },
    'a malformed trailer stays text',
  );
  assert.deepEqual(
    ipc.invoked.map((i) => i.channel),
    ['bw:listFindings', 'bw:getStatus', 'bw:getPair', 'bw:getSettings', 'bw:updateSettings'],
  );
});

test('preload: push subscriptions get only the payload and unsubscribe', () => {
  const { ipc, exposed } = loadPreload(() => null);
  const got: unknown[] = [];
  const off = (exposed.api.onOpenPair as (cb: (p: unknown) => void) => () => void)((p) => got.push(p));
  const listeners = ipc.listeners.get(PUSH_CHANNELS.openPair)!;
  assert.equal(listeners.size, 1);
  for (const l of listeners) l({ sender: 'the IpcRendererEvent must not leak' }, { pairId: 4 });
  assert.deepEqual(got, [{ pairId: 4 }]);
  off();
  assert.equal(listeners.size, 0);

  const changed: unknown[] = [];
  const off2 = (exposed.api.onChanged as (cb: (p: unknown) => void) => () => void)((p) => changed.push(p));
  for (const l of ipc.listeners.get(PUSH_CHANNELS.changed)!) l({}, { reason: 'rescore' });
  assert.deepEqual(changed, [{ reason: 'rescore' }]);
  off2();
  assert.throws(() => (exposed.api.onChanged as (cb: unknown) => void)('not a function'));
});

// ---------- notifications ----------
