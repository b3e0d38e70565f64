import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultsOf, pageBoundsOf, SETTING_FIELDS, toShown, toStored, type NumberField, type SettingsOf } from './settings-fields.js';
import { settingsFieldErrors, settingsSchemaOf } from './settings-schema.js';
import { ApiError, parseApiArg, type Settings } from './api.js';
import { DEFAULT_SETTINGS } from '../service/default-settings.js';

// the contract's Settings is exactly the table's values, both ways (a compile-time check)
const sameType: [Settings, SettingsOf<typeof SETTING_FIELDS>] = [{} as SettingsOf<typeof SETTING_FIELDS>, {} as Settings];
void sameType;

test('a field added to the table appears in the defaults, the validation, the page bounds and the worded errors', () => {
  const pollMinutes: NumberField = {
    kind: 'int',
    label: 'Poll every',
    about: 'a field only this test has',
    min: 120,
    max: 1800,
    default: 300,
    unit: { one: 'minute', many: 'minutes' },
    scale: 60,
    page: true,
  };
  const fields = { ...SETTING_FIELDS, pollS: pollMinutes };

  const defaults = defaultsOf(fields);
  assert.equal(defaults.pollS, 300);
  assert.deepEqual({ ...defaults, pollS: undefined }, { ...DEFAULT_SETTINGS, pollS: undefined });

  const schema = settingsSchemaOf(fields);
  assert.ok(schema.safeParse(defaults).success, 'the defaults pass their own validation');
  const low = schema.partial().safeParse({ pollS: 60 });
  assert.equal(low.success, false);
  assert.deepEqual(settingsFieldErrors(fields, low.error!.issues), [{ field: 'pollS', message: 'Poll every: at least 2 minutes' }]);
  const high = schema.partial().safeParse({ pollS: 3600 });
  assert.deepEqual(settingsFieldErrors(fields, high.error!.issues), [{ field: 'pollS', message: 'Poll every: at most 30 minutes' }]);
  // the real table has no such field: the same value is refused as unknown there
  assert.equal(settingsSchemaOf(SETTING_FIELDS).partial().strict().safeParse({ pollS: 300 }).success, false);

  const page = pageBoundsOf(fields).find((b) => b.key === 'pollS');
  assert.deepEqual(page, { key: 'pollS', label: 'Poll every', min: 2, max: 30, placeholder: '5', unit: 'minutes' });
});

test('the page shows the real defaults and bounds in its units (no 15 min / 70 % / 30 days)', () => {
  assert.deepEqual(pageBoundsOf(SETTING_FIELDS), [
    { key: 'rescoreIntervalS', label: 'Rescore every', min: 1, max: 10080, placeholder: '60', unit: 'minutes' },
    { key: 'alertThreshold', label: 'Alert above', min: 0, max: 100, placeholder: '80', unit: '%' },
    { key: 'retentionDays', label: 'Keep data for', min: 1, max: 365, placeholder: '7', unit: 'days' },
  ]);
  assert.equal(DEFAULT_SETTINGS.rescoreIntervalS, 3600);
  assert.equal(DEFAULT_SETTINGS.alertThreshold, 0.8);
  // page units and back without float dust: 70 % is 0.7, not 0.7000000000000001
  assert.equal(toStored(SETTING_FIELDS.alertThreshold, 70), 0.7);
  assert.equal(toShown(SETTING_FIELDS.alertThreshold, 0.7), 70);
  assert.equal(toStored(SETTING_FIELDS.rescoreIntervalS, 1.5), 90);
});

test('0 minutes and 150 % are refused in the page words, field by field, by the contract every transport uses', () => {
  let err: unknown;
  try {
    parseApiArg('updateSettings', { rescoreIntervalS: 0, alertThreshold: 1.5 });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof ApiError);
  assert.equal(err.code, 'invalid-argument');
  assert.equal(err.message, 'Rescore every: at least 1 minute; Alert above: at most 100 %');
  assert.doesNotMatch(err.message, /rescoreIntervalS|expected number|updateSettings/);
  assert.deepEqual(err.fields, [
    { field: 'rescoreIntervalS', message: 'Rescore every: at least 1 minute' },
    { field: 'alertThreshold', message: 'Alert above: at most 100 %' },
  ]);
  assert.throws(
    () => parseApiArg('updateSettings', { alertLinkBase: 'http://bw.home:8787/#token=abc' }),
    (e: ApiError) => e.fields?.[0]?.message === 'Link in alerts: must not hold the token (the link asks for it when opened)',
  );
  assert.throws(
    () => parseApiArg('updateSettings', { retentionDays: 2.5 }),
    (e: ApiError) => e.message === 'Keep data for: a whole number of days',
  );
  // other calls keep their own messages
  assert.throws(() => parseApiArg('setPaused', { paused: 1 }), /setPaused: paused/);
});
