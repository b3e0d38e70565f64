import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseZeekTime } from './time.js';

test('epoch seconds keep sub-second precision, negative and zero included', () => {
  assert.equal(parseZeekTime('1517336042.090842'), 1517336042.090842);
  assert.equal(parseZeekTime('-315619200.0'), -315619200);
  assert.equal(parseZeekTime('-12345.123456'), -12345.123456);
  assert.equal(parseZeekTime('0000000000.000000'), 0);
  assert.equal(parseZeekTime('19.981745'), 19.981745); // stratosphere relative time
  assert.equal(parseZeekTime('123456789'), 123456789);
});

test('ISO 8601 with microseconds and offsets', () => {
  assert.ok(Math.abs(parseZeekTime('2008-07-09T16:13:30.005432Z')! - 1215620010.005432) < 1e-6);
  assert.equal(parseZeekTime('1960-01-01T00:00:00.000000Z'), -315619200);
  assert.ok(Math.abs(parseZeekTime('1969-12-31T23:59:59.600000Z')! - -0.4) < 1e-9);
  assert.equal(parseZeekTime('2026-11-27T11:00:00+01:00'), Date.UTC(2026, 10, 27, 10) / 1000);
  assert.equal(parseZeekTime('2026-11-27T05:00:00-0500'), Date.UTC(2026, 10, 27, 10) / 1000);
  assert.equal(parseZeekTime('2026-11-27T10:00:00'), Date.UTC(2026, 10, 27, 10) / 1000);
});

test('unset, masked and invalid values are null', () => {
  for (const v of [
    null,
    '',
    '-',
    'XXXXXXXXXX.XXXXXX',
    'hello',
    '77777777777777777777',
    '1e9',
    '0x10',
    '2026-02-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '1.2.3',
  ]) {
    assert.equal(parseZeekTime(v), null, String(v));
  }
});
