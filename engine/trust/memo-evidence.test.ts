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

test('memoEvidence reads every claim at once after many questions, answering as before', () => {
  const claims: NameClaim[] = [];
  for (let i = 0; i < 100; i++)
    claims.push({ src: `10.0.${i}.2`, address: `198.51.100.${i}`, name: `c${i}.example`, how: 'sni', firstSeen: i, lastSeen: i });
  const inner = memoryEvidence({ answers: [], claims });
  let perAddress = 0;
  let whole = 0;
  const counted: NameEvidence = {
    ...inner,
    claimsForAddress: (s, a) => (perAddress++, inner.claimsForAddress(s, a)),
    claimsByKey: () => {
      whole++;
      const m = new Map<string, NameClaim[]>();
      for (const c of claims) m.set(`${c.src}\u0000${c.address}`, [...(m.get(`${c.src}\u0000${c.address}`) ?? []), c]);
      return m;
    },
  };
  const memo = memoEvidence(counted);
  for (let i = 0; i < 100; i++) {
    assert.deepEqual(memo.claimsForAddress(`10.0.${i}.2`, `198.51.100.${i}`), inner.claimsForAddress(`10.0.${i}.2`, `198.51.100.${i}`));
    assert.deepEqual(memo.claimsForAddress(`10.0.${i}.2`, '203.0.113.1'), []);
  }
  // the first questions one by one (a small listing stays cheap), then one read for the rest
  assert.equal(whole, 1);
  assert.ok(perAddress <= 64, `asked ${perAddress} times`);
});
