import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newToken, reachableUrls } from './serve-command.js';

describe('serve command helpers', () => {
  it('makes long random tokens that fit in a URL fragment', () => {
    const a = newToken();
    assert.match(a, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(a, newToken());
  });

  it('prints the bound URL for a specific host, the machine addresses for a wildcard', () => {
    assert.deepEqual(reachableUrls('http://127.0.0.1:8787/', '127.0.0.1', 8787), ['http://127.0.0.1:8787/']);
    for (const u of reachableUrls('http://0.0.0.0:8787/', '0.0.0.0', 8787)) assert.match(u, /^http:\/\/[^/]+:8787\/$/);
  });
});
