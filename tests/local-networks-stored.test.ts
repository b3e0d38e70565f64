// Local networks changed in Settings apply to the pairs already stored (rita/missing_host: Zeek
// marked the sensor local, so the beacon into it is "inbound"; with the client's address local
// too it is traffic inside the home, and back again when that range goes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineRuntime } from '../engine/service/runtime.js';
import { createApi } from '../engine/service/api-impl.js';
import { DEFAULT_LOCAL_NETWORKS } from '../engine/pairs/local-networks.js';
import { sample, samplesMissing as skip } from './support/samples.js';

test('rita/missing_host: a range added or removed in Settings changes the stored pairs it covers', { skip, timeout: 240_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-localnet-'));
  cpSync(sample('rita/missing_host'), join(tmp, 'zeek'), { recursive: true });
  const rt = new EngineRuntime({ dbFile: join(tmp, 'bw.sqlite'), mode: 'serve', zeekDir: join(tmp, 'zeek') });
  const api = createApi(rt);
  try {
    await rt.startTailing();
    await rt.rescoreNow();
    const beacon = async () =>
      (await api.listFindings({ includeInbound: true, includeBelowThreshold: true, limit: 10000 })).findings.find(
        (f) => f.src === '73.54.23.243' && f.dst === '64.225.56.201',
      );
    const ntp = () => rt.store.pairs.listPairs().find((p) => p.source === 'conn' && p.src === '64.225.56.201' && p.dst === '91.189.91.157');
    assert.equal((await beacon())?.direction, 'inbound');
    assert.equal(ntp()?.direction, 'outbound');

    await api.updateSettings({ localNetworks: [...DEFAULT_LOCAL_NETWORKS, '73.54.23.0/24', '91.189.91.157'] });
    assert.equal((await beacon())?.direction, 'local', 'both ends are now the home');
    assert.equal(ntp()?.direction, 'local');

    await api.updateSettings({ localNetworks: [...DEFAULT_LOCAL_NETWORKS] });
    assert.equal((await beacon())?.direction, 'inbound', 'and back: Zeek still says the sensor is local');
    assert.equal(ntp()?.direction, 'outbound');
  } finally {
    await rt.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
