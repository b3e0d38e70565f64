import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalSafe, terminalSafeJson, terminalSafeLines } from './terminal-safe.js';

const EVIL = 'a\u001b]0;title\u0007b\u009b31mc\u202ed\u2066e\u0085f\u007fg\u2028h';

test('terminalSafe replaces C0, C1, DEL, OSC/CSI starters and bidi controls', () => {
  const s = terminalSafe(EVIL);
  assert.doesNotMatch(s, /[\u0000-\u001f\u007f-\u009f\u202e\u2066\u2028]/);
  assert.equal(s, 'a\uFFFD]0;title\uFFFDb\uFFFD31mc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh');
});

test('terminalSafeLines keeps newlines and tabs only', () => {
  assert.equal(terminalSafeLines('x\ty\nz\u001b[2J'), 'x\ty\nz\uFFFD[2J');
});

test('terminalSafeJson escapes what JSON.stringify leaves raw, and stays the same JSON', () => {
  const json = terminalSafeJson(JSON.stringify({ v: EVIL }));
  assert.doesNotMatch(json, /[\u0000-\u001f\u007f-\u009f\u202e\u2066\u2028]/);
  assert.deepEqual(JSON.parse(json), { v: EVIL });
});
