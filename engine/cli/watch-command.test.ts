import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerWatchCommand, watchSettingsPatch } from './watch-command.js';

test('watch stores only the flags the user gave: no default overwrites a stored interval', () => {
  assert.deepEqual(watchSettingsPatch({}), {});
  assert.deepEqual(watchSettingsPatch({ every: 900 }), { rescoreIntervalS: 900 });
  assert.deepEqual(watchSettingsPatch({ backfill: 7200.4 }), { backfillS: 7200 });
  assert.deepEqual(watchSettingsPatch({ every: 5, backfill: 0 }), { rescoreIntervalS: 60, backfillS: 0 });
});

test('watch has no defaults for --every and --backfill (the stored settings are)', () => {
  const program = new Command();
  registerWatchCommand(program);
  const watch = program.commands.find((c) => c.name() === 'watch')!;
  for (const flag of ['--every', '--backfill']) {
    const opt = watch.options.find((o) => o.long === flag)!;
    assert.equal(opt.defaultValue, undefined, flag);
    assert.match(opt.description, /default: the stored setting, at first \d+ (min|h|d)\)/);
  }
});
