// The settings' defaults, derived from the one table (engine/contract/settings-fields.ts);
// engine/service/settings.ts re-exports them and loads stored values over them. A module of its
// own, without the zod contract, so that `scan`, which needs the defaults but validates no
// settings, does not load zod at start-up (~0.16 s a scan).
import type { Settings } from '../contract/values.js';
import { defaultsOf, SETTING_FIELDS } from '../contract/settings-fields.js';

export const DEFAULT_SETTINGS: Readonly<Settings> = defaultsOf(SETTING_FIELDS) satisfies Settings;
