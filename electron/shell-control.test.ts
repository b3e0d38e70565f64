import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineStatus } from '../engine/api.js';
import { ShellControl } from './shell-control.js';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
const tick = () => new Promise((r) => setTimeout(r, 0));

function harness(paused = false) {
  const calls: string[] = [];
  const trayShows: [boolean | undefined, boolean][] = [];
  let finish!: () => void;
  const status = (p: boolean) => ({ paused: p, version: 'x' }) as unknown as EngineStatus;
  const control = new ShellControl({
    api: {
      rescoreNow: () => {
        calls.push('rescore');
        return new Promise((r) => (finish = () => r({ at: 0, windowEnd: 0, pairs: 3, durationMs: 5, newAlerts: 0 })));
      },
      getStatus: () => {
        calls.push('status');
        return Promise.resolve(status(paused));
      },
      setPaused: ({ paused: p }) => {
        calls.push(`pause:${p}`);
        paused = p;
        return Promise.resolve(status(p));
      },
    },
    tray: () => ({ update: (s, rescoring) => trayShows.push([s?.paused, rescoring]) }),
    showWindow: () => calls.push('show'),
    quit: () => calls.push('quit'),
    log: quiet,
  });
  return { control, calls, trayShows, finish: () => finish() };
}

test('one rescore at a time from tray and menu; the tray shows it running, then the fresh status', async () => {
  const h = harness();
  h.control.onTray('rescore');
  h.control.rescore();
  assert.deepEqual(h.calls, ['rescore'], 'a second press while rescoring starts nothing');
  assert.deepEqual(h.trayShows.at(-1), [undefined, true]);
  h.finish();
  await tick();
  await tick();
  assert.deepEqual(h.calls, ['rescore', 'status']);
  assert.deepEqual(h.trayShows.at(-1), [false, false]);
});

test('pause follows the status shown; open and quit reach the window and the app', async () => {
  const h = harness(false);
  await h.control.refreshStatus();
  h.control.onTray('toggle-pause');
  await tick();
  assert.equal(h.control.status?.paused, true);
  h.control.onTray('toggle-pause');
  await tick();
  assert.deepEqual(
    h.calls.filter((c) => c.startsWith('pause')),
    ['pause:true', 'pause:false'],
  );
  h.control.onTray('open');
  h.control.onTray('quit');
  assert.deepEqual(h.calls.slice(-2), ['show', 'quit']);
});
