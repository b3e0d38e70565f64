// Periodic habits of phones, tablets, laptops and desktops: time sync, connectivity checks,
// push channels, mail polling, safe browsing, updates, telemetry, cloud sync.
import type { Device } from './home-world.js';
import { every, httpByName, httpsByName, latency, ntpByName, ServiceRun, type Gate } from './service-kit.js';
import { defineName, devicesOf, finish, type SimContext } from './sim-context.js';

interface OsService {
  kind: string;
  applies: (d: Device) => boolean;
  gate: Gate;
  /** mean period and how it varies: next interval in seconds */
  periodS: number;
  next: (ctx: SimContext, period: number) => number;
  note: string;
  act: (ctx: SimContext, run: ServiceRun, t: number) => void;
}

const apple = (d: Device) => d.platform === 'ios' || d.platform === 'macos';
const android = (d: Device) => d.platform === 'android';
const windows = (d: Device) => d.platform === 'windows';
const linuxDesktop = (d: Device) => d.platform === 'linux' && d.kind === 'desktop';
const computer = (d: Device) => d.kind === 'laptop' || d.kind === 'desktop';
const jitter = (frac: number) => (ctx: SimContext, p: number) => p * ctx.rng.uniform(1 - frac, 1 + frac) + latency(ctx.rng);
const UA = {
  apple: 'CaptiveNetworkSupport-443.0.1 wispr',
  android: 'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240205.004)',
  win: 'Microsoft NCSI',
  nm: 'NetworkManager/1.46.0',
};

function longLived(ctx: SimContext, run: ServiceRun, t: number, name: string, port: number, holdS: number): void {
  // Zeek logs a long-lived connection once, when it closes: one row per reconnect.
  httpsByName(ctx.tr, run, t, name, { port, durationS: holdS, origBytes: 200 + holdS * 0.6, respBytes: 300 + holdS * 0.8 });
}

const SERVICES: OsService[] = [
  {
    kind: 'ntp-apple',
    applies: apple,
    gate: 'awake',
    periodS: 1800,
    next: jitter(0.3),
    note: 'timed polls time.apple.com',
    act: (c, r, t) => ntpByName(c.tr, r, t, 'time.apple.com', 1024),
  },
  {
    kind: 'ntp-windows',
    applies: windows,
    gate: 'home',
    periodS: 32768,
    next: jitter(0.05),
    note: 'w32time SpecialPollInterval',
    act: (c, r, t) => ntpByName(c.tr, r, t, 'time.windows.com', 32768),
  },
  {
    kind: 'ntp-android',
    applies: android,
    gate: 'home',
    periodS: 21600,
    next: jitter(0.4),
    note: 'network time refresh',
    act: (c, r, t) => ntpByName(c.tr, r, t, 'time.android.com', 1024),
  },
  {
    kind: 'captive-apple',
    applies: apple,
    gate: 'awake',
    periodS: 5400,
    next: jitter(0.7),
    note: 'captive portal probe on wake and join',
    act: (c, r, t) => httpByName(c.tr, r, t, 'captive.apple.com', '/hotspot-detect.html', UA.apple, { respBytes: 68, aaaa: true }),
  },
  {
    kind: 'conncheck-android',
    applies: android,
    gate: 'awake',
    periodS: 1500,
    next: jitter(0.6),
    note: 'generate_204 probe',
    act: (c, r, t) => httpByName(c.tr, r, t, 'connectivitycheck.gstatic.com', '/generate_204', UA.android, { status: 204, respBytes: 0, aaaa: true }),
  },
  {
    kind: 'ncsi-windows',
    applies: windows,
    gate: 'awake',
    periodS: 7200,
    next: jitter(0.8),
    note: 'NCSI active probe',
    act: (c, r, t) => httpByName(c.tr, r, t, 'www.msftconnecttest.com', '/connecttest.txt', UA.win, { respBytes: 22, aaaa: true }),
  },
  {
    kind: 'conncheck-linux',
    applies: linuxDesktop,
    gate: 'awake',
    periodS: 300,
    next: jitter(0.02),
    note: 'NetworkManager connectivity check every 300 s',
    act: (c, r, t) => httpByName(c.tr, r, t, 'connectivity-check.ubuntu.com', '/', UA.nm, { status: 204, respBytes: 0 }),
  },
  {
    kind: 'push-apns',
    applies: apple,
    gate: 'home',
    periodS: 2400,
    next: jitter(0.5),
    note: 'APNs courier, long-lived, reconnects',
    act: (c, r, t) => longLived(c, r, t, `${c.rng.int(1, 50)}-courier.push.apple.com`, 5223, c.rng.uniform(600, 2400)),
  },
  {
    kind: 'push-fcm',
    applies: android,
    gate: 'home',
    periodS: 1680,
    next: jitter(0.15),
    note: 'FCM mtalk, 28 min heartbeat window',
    act: (c, r, t) => longLived(c, r, t, 'mtalk.google.com', 5228, c.rng.uniform(900, 1680)),
  },
  {
    kind: 'push-wns',
    applies: windows,
    gate: 'awake',
    periodS: 3600,
    next: jitter(0.3),
    note: 'Windows push notifications',
    act: (c, r, t) => longLived(c, r, t, 'client.wns.windows.com', 443, c.rng.uniform(1200, 3600)),
  },
  {
    kind: 'mail-gmail',
    applies: (d) => computer(d) && d.platform !== 'windows',
    gate: 'awake',
    periodS: 600,
    next: jitter(0.05),
    note: 'mail client polls IMAP every 10 min',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'imap.gmail.com', { port: 993 });
    },
  },
  {
    kind: 'mail-outlook',
    applies: windows,
    gate: 'awake',
    periodS: 900,
    next: jitter(0.2),
    note: 'Outlook sync',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'outlook.office365.com');
    },
  },
  {
    kind: 'safebrowsing',
    applies: computer,
    gate: 'awake',
    periodS: 1800,
    next: jitter(0.25),
    note: 'Chrome Safe Browsing list update ~30 min',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'safebrowsing.googleapis.com');
    },
  },
  {
    kind: 'chrome-update',
    applies: computer,
    gate: 'awake',
    periodS: 18000,
    next: jitter(0.1),
    note: 'Chrome updater every 5 h',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'update.googleapis.com');
    },
  },
  {
    kind: 'update-apple',
    applies: apple,
    gate: 'home',
    periodS: 21600,
    next: jitter(0.5),
    note: 'software update catalogue',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'mesu.apple.com');
    },
  },
  {
    kind: 'update-windows',
    applies: windows,
    gate: 'home',
    periodS: 28800,
    next: jitter(0.5),
    note: 'Windows Update scan',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'fe3cr.delivery.mp.microsoft.com');
      httpsByName(c.tr, r, t + 2, 'settings-win.data.microsoft.com');
    },
  },
  {
    kind: 'telemetry-windows',
    applies: windows,
    gate: 'home',
    periodS: 900,
    next: jitter(0.4),
    note: 'DiagTrack uploads',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'v10.events.data.microsoft.com', { origBytes: c.rng.int(2000, 30000) });
    },
  },
  {
    kind: 'telemetry-apple',
    applies: apple,
    gate: 'awake',
    periodS: 3600,
    next: jitter(0.6),
    note: 'analytics uploads',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'xp.apple.com');
    },
  },
  {
    kind: 'icloud-sync',
    applies: apple,
    gate: 'awake',
    periodS: 1200,
    next: jitter(0.7),
    note: 'CloudKit sync',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'gateway.icloud.com');
    },
  },
  {
    kind: 'android-checkin',
    applies: android,
    gate: 'home',
    periodS: 10800,
    next: jitter(0.5),
    note: 'Play services check-in',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'android.clients.google.com');
    },
  },
  {
    kind: 'snap-refresh',
    applies: linuxDesktop,
    gate: 'awake',
    periodS: 21600,
    next: jitter(0.3),
    note: 'snapd refresh, 4 times a day',
    act: (c, r, t) => {
      httpsByName(c.tr, r, t, 'api.snapcraft.io');
    },
  },
  {
    kind: 'ntp-pool-desktop',
    applies: linuxDesktop,
    gate: 'awake',
    periodS: 1024,
    next: jitter(0.02),
    note: 'timesyncd on pool.ntp.org',
    act: (c, r, t) => ntpByName(c.tr, r, t, 'ntp.ubuntu.com', 1024),
  },
];

function defineOsNames(ctx: SimContext): void {
  const apple17 = [17];
  defineName(ctx, 'time.apple.com', 24, apple17, { count: 4, ttl: 600, rotateS: 1800, cname: 'time.g.aaplimg.com' });
  defineName(ctx, 'time.windows.com', 2, [20, 40], { ttl: 3600 });
  defineName(ctx, 'time.android.com', 8, [216], { count: 1, ttl: 600 });
  defineName(ctx, 'ntp.ubuntu.com', 6, [185, 91], { count: 4, ttl: 1800 });
  defineName(ctx, 'captive.apple.com', 30, [17, 23], { count: 2, ttl: 300, rotateS: 900 });
  defineName(ctx, 'connectivitycheck.gstatic.com', 6, [142], { count: 1, ttl: 300 });
  defineName(ctx, 'www.msftconnecttest.com', 8, [23, 13], { count: 1, ttl: 60, cname: 'v4ncsi.msedge.net' });
  defineName(ctx, 'connectivity-check.ubuntu.com', 4, [185, 91], { count: 2, ttl: 60 });
  for (let i = 1; i <= 50; i++) defineName(ctx, `${i}-courier.push.apple.com`, 4, [17], { count: 1, ttl: 3600 });
  defineName(ctx, 'mtalk.google.com', 4, [142], { count: 1, ttl: 300 });
  defineName(ctx, 'client.wns.windows.com', 6, [20, 52], { count: 1, ttl: 300 });
  defineName(ctx, 'imap.gmail.com', 6, [142, 64], { count: 2, ttl: 300 });
  defineName(ctx, 'outlook.office365.com', 20, [40, 52], { count: 4, ttl: 60 });
  defineName(ctx, 'safebrowsing.googleapis.com', 6, [142], { count: 1, ttl: 300 });
  defineName(ctx, 'update.googleapis.com', 6, [142], { count: 1, ttl: 300 });
  defineName(ctx, 'mesu.apple.com', 10, [17, 23], { count: 2, ttl: 300 });
  defineName(ctx, 'fe3cr.delivery.mp.microsoft.com', 10, [20, 52], { count: 2, ttl: 300 });
  defineName(ctx, 'settings-win.data.microsoft.com', 10, [20, 52], { count: 1, ttl: 300 });
  defineName(ctx, 'v10.events.data.microsoft.com', 12, [20, 52], { count: 1, ttl: 300, cname: 'global.asimov.events.data.trafficmanager.net' });
  defineName(ctx, 'xp.apple.com', 8, [17], { count: 2, ttl: 300 });
  defineName(ctx, 'gateway.icloud.com', 16, [17], { count: 4, ttl: 300 });
  defineName(ctx, 'android.clients.google.com', 6, [142], { count: 1, ttl: 300 });
  defineName(ctx, 'api.snapcraft.io', 6, [185, 91], { count: 2, ttl: 300 });
}

export function runOsServices(ctx: SimContext): void {
  defineOsNames(ctx);
  for (const s of SERVICES) {
    for (const dev of devicesOf(ctx, s.applies)) {
      const rng = ctx.rng;
      const run = new ServiceRun(s.kind, dev, s.periodS, s.note);
      every(
        ctx.start,
        ctx.end,
        ctx.start + rng.uniform(0, s.periodS),
        () => s.next(ctx, s.periodS),
        dev,
        s.gate,
        (t) => s.act(ctx, run, t),
      );
      finish(ctx, run);
    }
  }
}
