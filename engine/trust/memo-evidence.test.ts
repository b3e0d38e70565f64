import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoEvidence } from './memo-evidence.js';
import { memoryEvidence } from './memory-evidence.js';
import type { DnsAnswer, NameClaim, NameEvidence } from './name-backing.js';

test('memoEvidence answers as the evidence below it, asking each question once', () => {
  const answers: DnsAnswer[] = [{ name: 'a.example', address: '198.51.100.1', firstSeen: 1, lastSeen: 2, ttl: 60 }];
  const claims: NameClaim[] = [{ src: '10.0.0.2', address: '198.51.100.1', name: 'a.example', how: 'sni', firstSeen: 1, lastSeen: 2 }];
  const inner = memoryEvidence({ answers, claims });
  let asked = 0;
  const counted: NameEvidence = {
    ...inner,
    answersForAddress: (a) => (asked++, inner.answersForAddress(a)),
    claimsForAddress: (s, a) => (asked++, inner.claimsForAddress(s, a)),
    answeredAddresses: () => new Set(answers.map((a) => a.address)),
    claimedAddresses: () => new Set(claims.map((c) => `${c.src}\u0000${c.address}`)),
  };
  const memo = memoEvidence(counted);
  // many addresses: after the first ones, those without rows are answered from the key sets
  for (let i = 0; i < 200; i++) {
    assert.deepEqual(memo.answersForAddress(`203.0.113.${i}`), []);
    assert.deepEqual(memo.claimsForAddress('10.0.0.2', `203.0.113.${i}`), []);
  }
  const before = asked;
  assert.ok(before < 200, `asked ${before} times`);
  assert.deepEqual(memo.answersForAddress('198.51.100.1'), answers);
  assert.deepEqual(memo.claimsForAddress('10.0.0.2', '198.51.100.1'), claims);
  assert.deepEqual(memo.answersForAddress('198.51.100.1'), answers);
  assert.equal(asked, before + 2);
});
