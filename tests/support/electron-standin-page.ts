// The page side of the electron stand-in (tests/support/electron-standin.ts). `pageSideIpc` is
// serialised with toString() and runs in the Chromium page before the preload: it defines the
// `require` that the sandboxed preload gets. Written as plain browser JavaScript: it may use
// nothing from its module (no imports, no closures).
export function pageSideIpc(): void {
  type Cb = (event: unknown, payload: unknown) => void;
  const w = globalThis as unknown as Record<string, unknown>;
  const invoke = w.__bwStandinInvoke as (channel: string, arg: unknown) => Promise<unknown>;
  const listeners = new Map<string, Set<Cb>>();
  w.__bwStandinDeliver = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: null }, payload);
  };
  const electron = Object.freeze({
    contextBridge: Object.freeze({
      // Electron copies the object into the page's world; a frozen shallow copy is as close as a
      // single-world page gets
      exposeInMainWorld(key: string, api: Record<string, unknown>) {
        if (key in w) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        Object.defineProperty(globalThis, key, { value: Object.freeze({ ...api }), enumerable: true });
      },
    }),
    ipcRenderer: Object.freeze({
      invoke: (channel: string, arg: unknown) => invoke(channel, arg),
      on(channel: string, cb: Cb) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(cb);
      },
      removeListener(channel: string, cb: Cb) {
        listeners.get(channel)?.delete(cb);
      },
    }),
  });
  w.__bwStandinRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can require only 'electron')`);
  };
}
