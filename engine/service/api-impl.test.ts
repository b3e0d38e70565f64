// Errors by kind: the caller's mistakes are `invalid-argument`, missing things `not-found`,
// everything else (SQLite) `failed` with the cause kept; a rescore nobody awaits is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../contract/api.js';
import { AllowRuleError, AllowRuleNotFoundError } from '../allowlist/errors.js';
import { createApi, toApiError } from './api-impl.js';
import { EngineRuntime } from './runtime.js';

const isApiError = (code: ApiError['code'], message?: RegExp) => (err: unknown) =>
  err instanceof ApiError && err.code === code && (!message || message.test(err.message));

test('toApiError maps by kind and keeps the cause', () => {
  const missing = new AllowRuleNotFoundError('r-1');
  assert.equal(toApiError(missing).code, 'not-found');
  assert.equal(toApiError(new AllowRuleError('dst: "*.com" is a public suffix')).code, 'invalid-argument');
  const sqlite = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
  const failed = toApiError(sqlite);
  assert.equal(failed.code, 'failed');
  assert.equal(failed.cause, sqlite);
  const own = new ApiError('not-found', 'no pair');
  assert.equal(toApiError(own), own);
});

test('the allow-list calls answer not-found, invalid-argument and failed; a failed rescore reaches the problems', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-api-errors-'));
  const rt = new EngineRuntime({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve' });
  const api = createApi(rt);
  try {
    await assert.rejects(
      api.updateAllowRule({ id: 'r-missing', patch: { note: 'x' } }),
      isApiError('not-found', /no allow rule with id "r-missing"/),
    );
    await assert.rejects(api.addAllowRule({ dst: '*.com' }), isApiError('invalid-argument'));

    // a store failure is no caller's mistake
    rt.store.db.exec('DROP TABLE allow_rules');
    await assert.rejects(
      api.addAllowRule({ dst: 'c2.example.net' }),
      (err: unknown) => isApiError('failed')(err) && (err as ApiError).cause instanceof Error,
    );

    // the rescore that follows a new Zeek directory is awaited by nobody: it must not vanish
    rt.rescoreNow = () => Promise.reject(new Error('disk I/O error'));
    await api.updateSettings({ zeekDir: dir });
    for (let i = 0; i < 100 && !rt.status().problems.some((p) => /rescore failed/.test(p.problem)); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(
      rt.status().problems.some((p) => /rescore failed: disk I\/O error/.test(p.problem)),
      JSON.stringify(rt.status().problems),
    );
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
