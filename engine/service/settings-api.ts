// The settings use cases: read, validate and store (the one table's words on a refusal), and
// what a change sets in motion (a new folder is followed and rescored, new local networks re-judge
// the stored pairs, a new interval reschedules); the folder candidates, the demo, local networks.
import { dirname, join } from 'node:path';
import { settingsError, type BeaconwatchApi } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import { saveSettings } from './settings.js';
import { rederiveDirections } from '../pairs/rederive-direction.js';
import { writeDemoLogs } from '../demo/demo-logs.js';
import { defaultDataDir } from '../app/paths.js';
import { suggestLocalNetworks } from './local-suggestions.js';
import { detectZeekDirs, zeekDirProblem } from './zeek-dir.js';
import { parseSensorSpec, sensorsOf, type SensorSpec } from '../contract/sensors.js';

type SettingsCalls = 'getSettings' | 'updateSettings' | 'detectZeekDirs' | 'pickZeekDir' | 'loadDemo' | 'suggestLocalNetworks';

export function settingsApi(rt: EngineRuntime): Pick<BeaconwatchApi, SettingsCalls> {
  return {
    async getSettings() {
      return rt.settings;
    },
    async updateSettings(patch) {
      if (patch.zeekDir) {
        const problem = zeekDirProblem(patch.zeekDir);
        if (problem) throw settingsError([{ field: 'zeekDir', message: problem }]);
      }
      // each sensor's folder is checked as the Zeek log directory is (names: saveSettings)
      for (const text of patch.sensors ?? []) {
        const s = parseSensorSpec(text);
        if ('problem' in s) continue;
        const problem = zeekDirProblem(s.dir);
        if (problem) throw settingsError([{ field: 'sensors', message: `Sensors: sensor ${s.name}: ${problem}` }]);
      }
      const before = rt.settings;
      // a sensor whose folder stays but whose name changes is renamed, its stored data with it
      const renames = patch.sensors
        ? renamedSensors(
            sensorsOf(before),
            sensorsOf({ zeekDir: patch.zeekDir !== undefined ? patch.zeekDir : before.zeekDir, sensors: patch.sensors }),
          )
        : [];
      for (const r of renames)
        if (rt.store.pairs.sensorCounts().some((c) => c.sensor === r.to))
          throw settingsError([{ field: 'sensors', message: `Sensors: sensor name "${r.to}" already holds data read earlier; choose another name` }]);
      rt.settings = saveSettings(rt.store.settings, patch);
      // no batch of the old name may land after the move: the tailers stop first (restarted below)
      if (renames.length > 0) await rt.stopTailing();
      for (const r of renames) rt.store.pairs.renameSensor(r.from, r.to);
      // the writers cache pair ids per sensor: new ones for the new names
      if (renames.length > 0) rt.store.forgetSensorWriters();
      // the stored pairs follow new local networks too, not only the logs read from now on
      if (patch.localNetworks !== undefined) {
        rt.store.pairs.setDirections(rederiveDirections(rt.store.pairs.listPairs(), before.localNetworks, rt.settings.localNetworks));
      }
      const sensorsChanged = patch.sensors !== undefined && patch.sensors.join('\n') !== before.sensors.join('\n');
      if ((patch.zeekDir !== undefined && patch.zeekDir !== before.zeekDir) || sensorsChanged) {
        rt.demo = false;
        // a failed rescore reaches the problems list and the log, as a scheduled one does
        void rt.startTailing().then(() => rt.rescoreNow().catch((err: unknown) => rt.rescoreFailed(err)));
      } else if (patch.localNetworks !== undefined && rt.tailer) {
        // the extractor decides directions as it reads: restart it with the new networks
        void rt.startTailing();
      }
      if (patch.rescoreIntervalS !== undefined) rt.schedule();
      rt.emit('changed', { reason: 'settings' });
      return rt.settings;
    },
    async detectZeekDirs({ path }) {
      return detectZeekDirs(path);
    },
    async pickZeekDir() {
      return (await rt.opts.pickDirectory?.()) ?? null;
    },
    async loadDemo() {
      const dir = join(dirname(rt.opts.dbFile) || defaultDataDir(), 'demo-zeek-logs');
      writeDemoLogs(dir);
      rt.settings = saveSettings(rt.store.settings, { zeekDir: dir });
      rt.demo = true;
      await rt.startTailing();
      await rt.rescoreNow();
      return rt.status();
    },
    async suggestLocalNetworks() {
      const dhcp = rt.store.devices
        .list()
        .filter((d) => d.hostName !== null || d.mac !== null)
        .map((d) => d.address);
      return suggestLocalNetworks(rt.store.pairs.listScoredPairs(), dhcp, rt.settings.localNetworks);
    },
  };
}

/** sensors whose folder is kept under another name (a rename, not a remove and an add) */
export function renamedSensors(before: readonly SensorSpec[], after: readonly SensorSpec[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const b of before) {
    if (after.some((a) => a.name === b.name)) continue;
    const moved = after.find((a) => a.dir === b.dir && !before.some((x) => x.name === a.name));
    if (moved) out.push({ from: b.name, to: moved.name });
  }
  return out;
}
