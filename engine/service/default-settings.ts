// The settings' defaults: THE one source (engine/service/settings.ts re-exports them and loads
// stored values over them). A module of its own, without the zod contract, so that `scan`, which
// needs the defaults but validates no settings, does not load zod at start-up (~0.16 s a scan).
import type { Settings } from '../contract/values.js';
import { DEFAULT_LOCAL_NETWORKS } from '../pairs/local-networks.js';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  zeekDir: null,
  localNetworks: [...DEFAULT_LOCAL_NETWORKS],
  rescoreIntervalS: 3600,
  windowS: 86400,
  backfillS: 86400,
  activityGapS: 1,
  alertThreshold: 0.8,
  retentionDays: 7,
  notifications: true,
  alertNtfyUrl: null,
  alertWebhookUrl: null,
  alertLinkBase: null,
};
