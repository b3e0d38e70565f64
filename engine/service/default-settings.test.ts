import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from './default-settings.js';
import { DEFAULT_SETTINGS as SERVICE_DEFAULTS, loadSettings } from './settings.js';
import { apiArgs } from '../contract/api.js';

test('the defaults have one source, and the contract accepts every one of them', () => {
  // the service re-exports the zod-free module's object, not a copy
  assert.equal(SERVICE_DEFAULTS, DEFAULT_SETTINGS);
  // nothing stored: the defaults, as they are
  assert.deepEqual(loadSettings({ all: () => ({}) } as never), DEFAULT_SETTINGS);
  const r = apiArgs.updateSettings.safeParse(DEFAULT_SETTINGS);
  assert.ok(r.success, r.success ? '' : r.error.message);
  assert.deepEqual(r.data, DEFAULT_SETTINGS);
});
