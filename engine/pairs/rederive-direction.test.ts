// New local networks re-derive the stored pairs' directions, end by end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LOCAL_NETWORKS } from './local-networks.js';
import { rederiveDirections } from './rederive-direction.js';

const DEF = [...DEFAULT_LOCAL_NETWORKS];

test('an added range makes its addresses local; names and unchanged ends keep what they were', () => {
  const pairs = [
    { id: 1, src: '73.54.23.243', dst: '64.225.56.201', direction: 'external' as const },
    { id: 2, src: '64.225.56.201', dst: '91.189.91.157', direction: 'external' as const },
    { id: 3, src: '64.225.56.201', dst: 'repos.example.com', direction: 'external' as const },
    { id: 4, src: '10.0.0.5', dst: '8.8.8.8', direction: 'outbound' as const },
    // Zeek said local (local_orig = T) for an address no range covers: it stays local
    { id: 5, src: '198.51.100.7', dst: '8.8.4.4', direction: 'outbound' as const },
  ];
  assert.deepEqual(rederiveDirections(pairs, DEF, [...DEF, '64.225.56.201/32']), [
    { id: 1, direction: 'inbound' },
    { id: 2, direction: 'outbound' },
    { id: 3, direction: 'outbound' },
  ]);
});

test('a removed range makes its addresses outside again', () => {
  const pairs = [
    { id: 1, src: '10.0.0.5', dst: '93.184.216.34', direction: 'outbound' as const },
    { id: 2, src: '10.0.0.5', dst: '192.168.1.1', direction: 'local' as const },
    { id: 3, src: '10.0.0.5', dst: '239.255.255.250', direction: 'local' as const },
  ];
  const noTen = DEF.filter((c) => c !== '10.0.0.0/8');
  assert.deepEqual(rederiveDirections(pairs, DEF, noTen), [
    { id: 1, direction: 'external' },
    { id: 2, direction: 'inbound' },
    // multicast is local whatever the ranges
    { id: 3, direction: 'inbound' },
  ]);
  assert.deepEqual(rederiveDirections(pairs, DEF, DEF), []);
});
