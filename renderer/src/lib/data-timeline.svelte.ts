// The hours that hold stored data (the window picker's days, Settings' retention warning), read
// again whenever the engine's data changes. Call it while a component initialises: the effect
// belongs to that component and stops with it.
import type { DataTimeline } from '../../../engine/api.js';
import { api } from './api-client.js';
import { app } from './app-state.svelte.js';

export function followDataTimeline(): { readonly value: DataTimeline | null } {
  let value = $state<DataTimeline | null>(null);
  $effect(() => {
    void app.version;
    api
      .getDataTimeline({})
      .then((t) => (value = t))
      // a failed read leaves the last timeline shown; the status bar reports the engine's errors
      .catch(() => undefined);
  });
  return {
    get value() {
      return value;
    },
  };
}
