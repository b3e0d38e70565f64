// Periodic habits of the home's appliances and infrastructure: IoT clouds (often bare addresses
// resolved long ago), NTP pools, NAS jobs, DHCP renewals, mDNS and SSDP chatter.
import { addressPool, type Device } from './home-world.js';
import { every, httpByName, httpsByName, latency, ntpByName, ServiceRun } from './service-kit.js';
import { defineName, devicesOf, finish, type SimContext } from './sim-context.js';

const of =
  (...kinds: Device['kind'][]) =>
  (d: Device) =>
    kinds.includes(d.kind);

/** A heartbeat to a hard-coded cloud address: no DNS, often no SNI. */
function bareHeartbeat(
  ctx: SimContext,
  kind: string,
  dev: Device,
  addr: string,
  o: { periodS: number; jitter: number; port: number; proto: 'tls' | 'udp'; phase?: number; note: string },
): void {
  const run = new ServiceRun(kind, dev, o.periodS, o.note);
  run.addresses.add(addr);
  const first = ctx.start + (o.phase ?? ctx.rng.uniform(0, o.periodS));
  every(
    ctx.start,
    ctx.end,
    first,
    () => o.periodS * ctx.rng.uniform(1 - o.jitter, 1 + o.jitter) + latency(ctx.rng),
    dev,
    'home',
    (t) => {
      if (o.proto === 'udp')
        ctx.tr.conn(t, dev.address, addr, o.port, 'udp', null, { dur: 0.05, ob: ctx.rng.int(40, 120), rb: ctx.rng.int(40, 120) });
      else ctx.tr.tls(t, dev.address, addr, { port: o.port, sni: null, origBytes: ctx.rng.int(300, 700), respBytes: ctx.rng.int(200, 600) });
    },
  );
  finish(ctx, run);
}

function named(
  ctx: SimContext,
  kind: string,
  dev: Device,
  periodS: number,
  jitter: number,
  gate: 'always' | 'home' | 'awake',
  note: string,
  act: (run: ServiceRun, t: number) => void,
): void {
  const run = new ServiceRun(kind, dev, periodS, note);
  every(
    ctx.start,
    ctx.end,
    ctx.start + ctx.rng.uniform(0, periodS),
    () => periodS * ctx.rng.uniform(1 - jitter, 1 + jitter) + latency(ctx.rng),
    dev,
    gate,
    (t) => act(run, t),
  );
  finish(ctx, run);
}

function iotClouds(ctx: SimContext): void {
  const { rng } = ctx;
  // Cameras: one vendor, each camera pinned to one server of its pool; heartbeat + motion clips.
  const camPool = addressPool(rng, 8, [3, 18, 54]);
  const camPeriod = rng.pick([30, 45, 60]);
  for (const cam of devicesOf(ctx, of('camera'))) {
    const addr = rng.pick(camPool);
    bareHeartbeat(ctx, 'camera-cloud', cam, addr, {
      periodS: camPeriod,
      jitter: 0.03,
      port: 443,
      proto: 'tls',
      note: 'camera keep-alive to its cloud relay',
    });
    const clips = new ServiceRun('camera-motion-upload', cam, null, 'motion clips, Poisson');
    clips.addresses.add(addr);
    for (let t = ctx.start + rng.exp(5400); t < ctx.end; t += rng.exp(5400))
      ctx.tr.tls(t, cam.address, addr, { port: 443, sni: null, origBytes: rng.int(400_000, 3_000_000), durationS: rng.uniform(5, 30) });
    finish(ctx, clips);
  }
  for (const bell of devicesOf(ctx, of('doorbell')))
    bareHeartbeat(ctx, 'doorbell-keepalive', bell, addressPool(rng, 1, [52])[0]!, {
      periodS: 30,
      jitter: 0.02,
      port: 9998,
      proto: 'udp',
      note: 'UDP keep-alive every 30 s',
    });
  // Smart plugs: one brand, one cloud address, one schedule (all plugs tick together).
  const plugAddr = addressPool(rng, 1, [3, 35, 52])[0]!;
  const plugPeriod = rng.pick([60, 90, 120]);
  const plugPhase = rng.uniform(0, plugPeriod);
  for (const plug of devicesOf(ctx, of('plug')))
    bareHeartbeat(ctx, 'plug-cloud', plug, plugAddr, {
      periodS: plugPeriod,
      jitter: 0.01,
      port: 8883,
      proto: 'tls',
      phase: plugPhase + rng.uniform(0, 2),
      note: 'MQTT keep-alive, same for every plug of the brand',
    });
  for (const v of devicesOf(ctx, of('vacuum')))
    bareHeartbeat(ctx, 'vacuum-cloud', v, addressPool(rng, 1, [47, 8])[0]!, {
      periodS: 60,
      jitter: 0.05,
      port: 8883,
      proto: 'tls',
      note: 'robot vacuum MQTT',
    });
  // Thermostat: looks its cloud up, then polls it.
  const honeywell = rng.chance(0.5);
  defineName(ctx, 'tccna.honeywell.com', 4, [199, 52], { count: 1, ttl: 86400 });
  defineName(ctx, 'frontdoor.nest.com', 6, [34, 35], { count: 1, ttl: 86400 });
  for (const th of devicesOf(ctx, of('thermostat'))) {
    if (honeywell)
      named(ctx, 'thermostat-cloud', th, 120, 0.05, 'always', 'Honeywell TCC poll', (r, t) => httpsByName(ctx.tr, r, t, 'tccna.honeywell.com'));
    else
      named(ctx, 'thermostat-cloud', th, 3600, 0.2, 'always', 'Nest long-lived session', (r, t) =>
        httpsByName(ctx.tr, r, t, 'frontdoor.nest.com', { durationS: 3500 }),
      );
  }
  defineName(ctx, 'avs-alexa-14-na.amazon.com', 6, [52, 54], { count: 1, ttl: 60 });
  defineName(ctx, 'device-metrics-us.amazon.com', 6, [52, 54], { count: 1, ttl: 60 });
  for (const sp of devicesOf(ctx, of('speaker'))) {
    named(ctx, 'speaker-cloud', sp, 3600, 0.3, 'always', 'Alexa directive channel, long-lived', (r, t) =>
      httpsByName(ctx.tr, r, t, 'avs-alexa-14-na.amazon.com', { durationS: 3000 }),
    );
    named(ctx, 'speaker-metrics', sp, 600, 0.5, 'always', 'device metrics', (r, t) => httpsByName(ctx.tr, r, t, 'device-metrics-us.amazon.com'));
  }
  defineName(ctx, 'api.samsungcloud.tv', 6, [52, 3], { count: 1, ttl: 300 });
  defineName(ctx, 'acr-us-prd.samsungcloud.tv', 6, [52, 3], { count: 1, ttl: 60 });
  defineName(ctx, 'scribe.logs.roku.com', 6, [52, 3], { count: 2, ttl: 60 });
  for (const tv of devicesOf(ctx, of('tv'))) {
    named(ctx, 'tv-app-refresh', tv, 2700, 0.2, 'always', 'smart TV tiles refresh', (r, t) => httpsByName(ctx.tr, r, t, 'api.samsungcloud.tv'));
    named(ctx, 'tv-acr', tv, 30, 0.1, 'awake', 'content recognition while watching', (r, t) =>
      httpsByName(ctx.tr, r, t, 'acr-us-prd.samsungcloud.tv', { origBytes: 900 }),
    );
  }
  for (const s of devicesOf(ctx, of('streamer')))
    named(ctx, 'streamer-telemetry', s, 900, 0.3, 'always', 'stick telemetry', (r, t) => httpsByName(ctx.tr, r, t, 'scribe.logs.roku.com'));
  defineName(ctx, 'ctest.cdn.nintendo.net', 4, [23], { count: 1, ttl: 300 });
  defineName(ctx, 'npns-dev.c.app.nintendo.net', 4, [3, 52], { count: 1, ttl: 300 });
  for (const c of devicesOf(ctx, of('console'))) {
    named(ctx, 'console-netcheck', c, 600, 0.1, 'awake', 'network test while playing', (r, t) =>
      httpByName(ctx.tr, r, t, 'ctest.cdn.nintendo.net', '/', 'Nintendo NX'),
    );
    named(ctx, 'console-notifications', c, 3600, 0.1, 'always', 'standby notification check', (r, t) =>
      httpsByName(ctx.tr, r, t, 'npns-dev.c.app.nintendo.net'),
    );
  }
  defineName(ctx, 'h10141.www1.hp.com', 4, [15], { count: 1, ttl: 3600 });
  for (const p of devicesOf(ctx, of('printer')))
    named(ctx, 'printer-cloud', p, 900, 0.1, 'always', 'HP ePrint check', (r, t) => httpsByName(ctx.tr, r, t, 'h10141.www1.hp.com'));
}

function nasJobs(ctx: SimContext): void {
  const { rng, tr } = ctx;
  defineName(ctx, 'checkip.synology.com', 4, [52], { count: 1, ttl: 60 });
  defineName(ctx, 'content.dropboxapi.com', 10, [162], { count: 1, ttl: 60 });
  defineName(ctx, 's3.us-west-002.backblazeb2.com', 8, [206, 45], { count: 2, ttl: 300 });
  for (const nas of devicesOf(ctx, of('nas'))) {
    named(ctx, 'nas-ddns-check', nas, 600, 0.01, 'always', 'DDNS public address check every 10 min', (r, t) =>
      httpByName(tr, r, t, 'checkip.synology.com', '/', 'Synology DDNS'),
    );
    named(ctx, 'nas-cloud-sync', nas, 1800, 0.4, 'always', 'Cloud Sync poll', (r, t) => httpsByName(tr, r, t, 'content.dropboxapi.com'));
    const backup = new ServiceRun('nas-offsite-backup', nas, 86400, 'nightly Hyper Backup to B2');
    const at = rng.uniform(1, 4) * 3600;
    for (let day = Math.floor(ctx.start / 86400) * 86400; day < ctx.end; day += 86400) {
      const t0 = day + at + rng.uniform(0, 120);
      if (t0 < ctx.start || t0 >= ctx.end) continue;
      for (let i = 0, t = t0; i < rng.int(20, 60); i++, t += rng.uniform(10, 90))
        httpsByName(tr, backup, t, 's3.us-west-002.backblazeb2.com', { origBytes: rng.int(5e6, 5e7), durationS: rng.uniform(5, 60) });
    }
    finish(ctx, backup);
    named(ctx, 'ntp-pool', nas, rng.pick([512, 1024]), 0.01, 'always', 'ntpd on the pool', (r, t) =>
      ntpByName(tr, r, t, `${rng.int(0, 3)}.pool.ntp.org`, 1024),
    );
    // Devices back up to the NAS over SMB: Time Machine hourly, File History hourly.
    for (const d of devicesOf(ctx, of('laptop', 'desktop'))) {
      const run = new ServiceRun('backup-to-nas', d, 3600, 'Time Machine / File History to the NAS');
      run.addresses.add(nas.address);
      every(
        ctx.start,
        ctx.end,
        ctx.start + rng.uniform(0, 3600),
        () => 3600 + rng.uniform(-60, 120),
        d,
        'awake',
        (t) => tr.conn(t, d.address, nas.address, 445, 'tcp', 'smb', { dur: rng.uniform(5, 120), ob: rng.int(1e5, 5e7), rb: rng.int(1e4, 1e5) }),
      );
      finish(ctx, run);
    }
  }
}

function infrastructure(ctx: SimContext): void {
  const { rng, tr, home } = ctx;
  const pool = addressPool(rng, 60, [5, 23, 45, 78, 129, 162, 185, 193]);
  for (let i = 0; i <= 3; i++) ctx.names.define(`${i}.pool.ntp.org`, { pool, count: 4, ttl: 150, rotateS: 600 });
  ctx.names.define('pool.ntp.org', { pool, count: 4, ttl: 150, rotateS: 600 });
  const router = {
    address: home.router,
    kind: 'router' as const,
    platform: 'linux' as const,
    mac: home.routerMac,
    hostName: 'router',
    home: [[ctx.start, ctx.end]] as [number, number][],
    awake: [[ctx.start, ctx.end]] as [number, number][],
  };
  named(ctx, 'ntp-pool', router as unknown as Device, 1024, 0.01, 'always', 'router ntpd', (r, t) => ntpByName(tr, r, t, 'pool.ntp.org', 1024));
  for (const d of devicesOf(ctx, of('tv', 'console', 'printer', 'camera'))) {
    const poll = rng.pick([64, 128, 256, 512, 1024]);
    named(ctx, 'ntp-pool', d, poll, 0.02, 'always', `SNTP every ${poll} s`, (r, t) => ntpByName(tr, r, t, `${rng.int(0, 3)}.pool.ntp.org`, poll));
  }
  // DHCP: a fresh exchange on every arrival, renewals at half the lease while present.
  const lease = rng.pick([43200, 86400]);
  for (const d of home.devices) {
    const run = new ServiceRun('dhcp-renewal', d, lease / 2, 'renew at T1 = lease/2');
    run.addresses.add(home.router);
    for (const [from, to] of d.home) {
      if (from > ctx.start) tr.dhcp(from + rng.uniform(0, 3), d, true, lease);
      for (let t = from + lease / 2 + rng.uniform(0, 60); t < to; t += lease / 2) tr.dhcp(t, d, false, lease);
    }
    if (d.home[0] && d.home[0][0] <= ctx.start) tr.dhcp(ctx.start + rng.uniform(0, lease / 2), d, false, lease);
    finish(ctx, run);
  }
  // mDNS and SSDP: multicast announcements and queries.
  for (const d of home.devices) {
    if (d.kind !== 'plug' && d.kind !== 'camera' && d.kind !== 'thermostat' && d.kind !== 'doorbell') {
      const p = rng.pick([120, 300, 1200, 3600]);
      const run = new ServiceRun('mdns', d, p, 'mDNS announce/query');
      run.addresses.add('224.0.0.251');
      every(
        ctx.start,
        ctx.end,
        ctx.start + rng.uniform(0, p),
        () => p * rng.uniform(0.5, 1.5),
        d,
        'home',
        (t) => tr.conn(t, d.address, '224.0.0.251', 5353, 'udp', 'dns', { sport: 5353, ob: rng.int(60, 400), rb: 0, dur: 0 }),
      );
      finish(ctx, run);
    }
    if (d.kind === 'tv' || d.kind === 'console' || d.kind === 'speaker' || d.platform === 'windows' || d.kind === 'streamer') {
      const p = rng.pick([900, 1800]);
      const run = new ServiceRun('ssdp', d, p, 'SSDP NOTIFY at max-age/2, M-SEARCH bursts');
      run.addresses.add('239.255.255.250');
      every(
        ctx.start,
        ctx.end,
        ctx.start + rng.uniform(0, p),
        () => p + rng.uniform(-5, 5),
        d,
        'home',
        (t) => {
          for (let k = 0; k < 3; k++) tr.conn(t + k * 0.1, d.address, '239.255.255.250', 1900, 'udp', null, { ob: rng.int(300, 500), rb: 0, dur: 0 });
        },
      );
      finish(ctx, run);
    }
  }
}

export function runHomeServices(ctx: SimContext): void {
  iotClouds(ctx);
  nasJobs(ctx);
  infrastructure(ctx);
}

/** After every device query is known: what the router sent upstream, labelled. */
export function runRouterDns(ctx: SimContext): void {
  ctx.tr.routerUpstream();
  const run = new ServiceRun('router-dns', { address: ctx.home.router }, null, 'router forwards cache misses to its upstream resolvers');
  for (const a of ctx.home.upstreamResolvers) run.addresses.add(a);
  finish(ctx, run);
}
