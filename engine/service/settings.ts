// Settings: defaults, and reading/writing them through the settings store with validation.
import type { SettingsStore } from '../../db/settings-store.js';
import { apiArgs, settingsError, type Settings } from '../contract/api.js';
import { settingsFieldErrors } from '../contract/settings-schema.js';
import { SETTING_FIELDS } from '../contract/settings-fields.js';
import { LocalNetworks } from '../pairs/local-networks.js';
import { DEFAULT_SETTINGS } from './default-settings.js';
import { formatSensorSpec, parseSensorSpec, sensorListProblems } from '../contract/sensors.js';

// The defaults' one source is ./default-settings.ts (zod-free, so `scan` starts without zod);
// re-exported here for the settings service's callers.
export { DEFAULT_SETTINGS };

/** Stored settings over the defaults; unknown or invalid stored values fall back to defaults. */
export function loadSettings(store: SettingsStore): Settings {
  const stored = store.all();
  const out: Settings = { ...DEFAULT_SETTINGS, localNetworks: [...DEFAULT_SETTINGS.localNetworks] };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!(key in stored)) continue;
    const r = apiArgs.updateSettings.safeParse({ [key]: stored[key] });
    if (r.success) Object.assign(out, r.data);
  }
  return out;
}

/** Validate and store a patch; returns the new settings. */
export function saveSettings(store: SettingsStore, patch: Partial<Settings>): Settings {
  const r = apiArgs.updateSettings.safeParse(patch);
  if (!r.success) {
    throw settingsError(settingsFieldErrors(SETTING_FIELDS, r.error.issues));
  }
  if (r.data.localNetworks) {
    try {
      new LocalNetworks(r.data.localNetworks);
    } catch (err) {
      throw settingsError([{ field: 'localNetworks', message: `${SETTING_FIELDS.localNetworks.label}: ${(err as Error).message}` }]);
    }
  }
  if (r.data.sensors !== undefined || r.data.zeekDir !== undefined) {
    const before = loadSettings(store);
    const zeekDir = r.data.zeekDir !== undefined ? r.data.zeekDir : before.zeekDir;
    const list = r.data.sensors ?? before.sensors;
    const problems = sensorListProblems(zeekDir, list);
    if (problems.length > 0) throw settingsError([{ field: 'sensors', message: `${SETTING_FIELDS.sensors.label}: ${problems.join('; ')}` }]);
    // stored as written by formatSensorSpec (trimmed), so the list reads back the same
    if (r.data.sensors) r.data.sensors = r.data.sensors.map((t) => formatSensorSpec(parseSensorSpec(t) as { name: string; dir: string }));
  }
  store.setMany(r.data);
  return loadSettings(store);
}
