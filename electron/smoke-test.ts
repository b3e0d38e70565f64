// `--smoke-test`: the check a packager runs on each installed app. It passes when the window's
// page loaded and one call went through the preload to main and back; main then quits through
// the normal stop sequence and exits 0, else 1. Plain module (the WebContents is passed in).

/** The part of Electron's WebContents the smoke test uses. */
export interface SmokeTarget {
  isLoading(): boolean;
  once(event: 'did-finish-load', listener: () => void): unknown;
  executeJavaScript(code: string): Promise<unknown>;
}

/** Runs in the page: one IPC round trip through the preload's named function. */
export const SMOKE_SCRIPT = 'window.beaconwatch.getStatus({}).then((s) => ({ version: s.version, mode: s.mode }))';

export interface SmokeResult {
  ok: boolean;
  detail: string;
}

export async function runSmokeTest(target: SmokeTarget, timeoutMs = 60_000): Promise<SmokeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SmokeResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const check = (async (): Promise<SmokeResult> => {
    if (target.isLoading()) await new Promise<void>((resolve) => target.once('did-finish-load', () => resolve()));
    const r = (await target.executeJavaScript(SMOKE_SCRIPT)) as { version?: unknown; mode?: unknown } | null;
    if (!r || typeof r.version !== 'string') return { ok: false, detail: `unexpected answer ${JSON.stringify(r)}` };
    return { ok: true, detail: `page loaded; getStatus answered through the preload (version ${r.version}, mode ${String(r.mode)})` };
  })().catch((err: unknown) => ({ ok: false, detail: err instanceof Error ? err.message : String(err) }));
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
