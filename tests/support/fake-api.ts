// A stand-in BeaconwatchApi with a few plausible pairs, for working on the renderer without the
// engine (never shipped; the e2e tests use the real engine).
import { explainScore } from '../../engine/score/explain.js';
import type { AllowRule, AllowRuleInput, BeaconwatchApi, EngineStatus, FindingView, PairDetail, Settings } from '../../engine/api.js';
import { ApiError } from '../../engine/api.js';
import { fakeIntelApi } from './fake-intel-api.js';

const NOW = Math.floor(Date.now() / 1000);
const DAY = 86400;

function finding(
  pairId: number,
  src: string,
  dst: string,
  source: FindingView['source'],
  period: number,
  jitter: number,
  beacon: number,
  jit: number,
): FindingView {
  const activities = Math.round(DAY / period);
  return {
    pairId,
    sensor: 'sensor',
    src,
    dst,
    source,
    variant: source === 'dns' ? 'resolved' : null,
    direction: 'outbound',
    stats: {
      events: activities,
      activities,
      periodS: period,
      spreadS: jitter,
      jitterRatio: jitter / period,
      coverage: 0.95,
      firstSeen: NOW - DAY,
      lastSeen: NOW - 60,
    },
    score: beacon * 0.9,
    scores: { beacon, jitter: jit, cnn: beacon, stats: beacon * 0.85 },
    scoredAt: NOW,
    port: source === 'conn' ? 443 : null,
    proto: source === 'conn' ? 'tcp' : null,
    service: null,
    state: 'new',
    allowlisted: null,
    dismissed: false,
    deviceName: null,
    summary: `every ${period - jitter}–${period + jitter} s, typically ${period} s, ${activities.toLocaleString('en')} times in 24 h`,
    dstNames: [],
    findingId: pairId,
    kind: source === 'conn' ? 'address' : 'name',
    periodicity: beacon,
    logOdds: 3,
    reasons: [],
    sharedBy: 1,
    presentSinceStart: false,
    bytes: null,
    campaign: null,
    headline: '',
    members: [
      {
        pairId,
        sensor: 'sensor',
        source,
        variant: source === 'dns' ? 'resolved' : null,
        dst,
        direction: 'outbound',
        port: null,
        proto: null,
        service: null,
        score: beacon * 0.9,
        activities,
        periodS: period,
        summary: `every ~${period} s`,
        allowlisted: false,
        sent: null,
        received: null,
      },
    ],
  };
}

export function createFakeApi(opts: { firstRun?: boolean } = {}): BeaconwatchApi {
  const findings: FindingView[] = [
    finding(1, '10.136.0.18', 'www.honestimnotevil.com', 'http', 248, 20, 0.97, 0.35),
    finding(2, '10.136.0.18', 'time.windows.com', 'conn', 1024, 1, 0.93, 0.02),
    finding(3, '10.136.0.22', '<img src=x onerror=alert(1)>.example', 'dns', 60, 4, 0.88, 0.4),
    finding(4, '10.136.0.30', 'cdn.example.net', 'ssl', 900, 300, 0.4, 0.8),
  ];
  const labels = new Map<string, string>([['10.136.0.30', 'Living-room TV']]);
  const rules: AllowRule[] = [
    {
      id: 'b1',
      dst: 'time.windows.com',
      src: null,
      source: null,
      proto: null,
      port: null,
      service: null,
      note: 'Windows time sync',
      category: 'time-sync',
      vendor: 'Microsoft',
      expiresAt: null,
      enabled: true,
      builtin: true,
      createdAt: NOW,
      updatedAt: NOW,
    },
  ];
  let settings: Settings = {
    zeekDir: opts.firstRun ? null : '/opt/zeek/logs',
    sensors: [],
    localNetworks: ['10.0.0.0/8'],
    rescoreIntervalS: 900,
    windowS: DAY,
    backfillS: DAY,
    activityGapS: 1,
    alertThreshold: 0.7,
    retentionDays: 30,
    notifications: true,
    alertNtfyUrl: null,
    alertWebhookUrl: null,
    alertLinkBase: null,
  };
  let demo = false;
  let seq = 1;
  const dismissed = new Set<number>();

  const match = (f: FindingView): AllowRule | undefined =>
    rules.find(
      (r) => r.enabled && (!r.dst || r.dst === f.dst || (r.dst.startsWith('*.') && f.dst.endsWith(r.dst.slice(1)))) && (!r.src || r.src === f.src),
    );
  const view = (f: FindingView): FindingView => {
    const rule = match(f);
    const isDismissed = dismissed.has(f.pairId);
    const allowlisted = rule ? { ruleId: rule.id, reason: rule.note, category: rule.category, builtin: rule.builtin } : null;
    const state = allowlisted ? 'known' : isDismissed ? 'dismissed' : f.score >= settings.alertThreshold ? 'new' : 'seen';
    return { ...f, allowlisted, dismissed: isDismissed, state, deviceName: labels.get(f.src) ?? null };
  };
  const get = (id: number) => {
    const f = findings.find((x) => x.pairId === id);
    if (!f) throw new ApiError('not-found', `no pair with id ${id}`);
    return view(f);
  };
  const status = (): EngineStatus => ({
    version: '0.1.0-fake',
    mode: 'serve',
    zeekDir: settings.zeekDir,
    tailing: !!settings.zeekDir,
    paused: false,
    demo,
    backfill: null,
    lastRescore: settings.zeekDir || demo ? { at: NOW - 120, windowEnd: NOW, pairs: findings.length, durationMs: 40 } : null,
    nextRescoreAt: NOW + 780,
    eventsPerMinute: 42,
    ingestLagS: 3,
    pairs: settings.zeekDir || demo ? findings.length : 0,
    events: settings.zeekDir || demo ? 5000 : 0,
    modelBackend: 'cpu',
    problems: [],
    logDir: settings.zeekDir && !demo ? { dir: settings.zeekDir, state: 'ok', message: null, newestLogAt: NOW - 60 } : null,
    filesWaiting: 0,
    skippedRows: 0,
  });
  const toRule = (input: AllowRuleInput, id: string): AllowRule => ({
    id,
    dst: input.dst ?? null,
    src: input.src ?? null,
    source: input.source ?? null,
    proto: input.proto ?? null,
    port: input.port ?? null,
    service: input.service ?? null,
    note: input.note ?? '',
    category: input.category ?? 'user',
    vendor: null,
    expiresAt: input.expiresAt ?? null,
    enabled: input.enabled ?? true,
    builtin: false,
    createdAt: NOW,
    updatedAt: NOW,
  });

  return {
    getStatus: async () => status(),
    listFindings: async (q) => {
      const all = findings.map(view);
      const keep = all.filter(
        (f) =>
          (q.includeAllowlisted || f.state !== 'known') &&
          (q.includeDismissed || f.state !== 'dismissed') &&
          (q.includeBelowThreshold || f.state !== 'seen') &&
          (!q.device || f.src === q.device) &&
          (!q.failedLookupsOnly || f.variant === 'failed'),
      );
      // a page of it, as the engine answers (the overview reads pages: renderer/src/lib/paged-list.ts)
      const from = q.offset ?? 0;
      return {
        findings: keep.slice(from, from + (q.limit ?? 500)),
        total: all.length,
        hidden: {
          allowlisted: all.filter((f) => f.state === 'known').length,
          dismissed: dismissed.size,
          inbound: 0,
          belowThreshold: all.filter((f) => f.state === 'seen').length,
        },
      };
    },
    getPair: async ({ pairId }) => {
      const f = get(pairId);
      const period = f.stats.periodS ?? 60;
      const activities: number[] = [];
      for (let t = NOW - DAY + 30; t < NOW; t += period + (Math.random() - 0.5) * 2 * (f.stats.spreadS ?? 0)) activities.push(t);
      const detail: PairDetail = {
        finding: f,
        windowStart: NOW - DAY,
        windowEnd: NOW,
        activities,
        intervals: activities.slice(1).map((t, i) => t - activities[i]!),
        history: Array.from({ length: 12 }, (_, i) => ({ scoredAt: NOW - (12 - i) * 900, score: Math.min(1, f.score - 0.2 + i * 0.02), scores: {} })),
        recentEvents: activities.slice(-20).map((ts) => ({ ts, bytes: 1200 })),
        allowScopes: [
          { scope: 'pair', label: `${f.src} → ${f.dst} only`, rule: { src: f.src, dst: f.dst } },
          { scope: 'destination', label: `${f.dst} from any device`, rule: { dst: f.dst } },
        ],
        shownPairId: pairId,
        why: explainScore(f.scores),
      };
      return detail;
    },
    dismissPair: async ({ pairId, dismissed: d }) => {
      get(pairId);
      if (d) dismissed.add(pairId);
      else dismissed.delete(pairId);
      return get(pairId);
    },
    listDevices: async () =>
      [...new Set(findings.map((f) => f.src))].map((address) => ({
        sensor: 'sensor',
        address,
        name: labels.get(address) ?? null,
        hostName: null,
        mac: null,
        label: labels.get(address) ?? null,
        alerts: 1,
        pairs: findings.filter((f) => f.src === address).length,
        topScore: 0.9,
        lastSeen: NOW - 60,
      })),
    setDeviceLabel: async ({ address, label }) => {
      if (label) labels.set(address, label);
      else labels.delete(address);
      return { sensor: 'sensor', address, name: label, hostName: null, mac: null, label, alerts: 0, pairs: 0, topScore: null, lastSeen: null };
    },
    getSettings: async () => settings,
    updateSettings: async (patch) => {
      if (patch.zeekDir && !patch.zeekDir.startsWith('/opt/zeek'))
        throw new ApiError('invalid-argument', `${patch.zeekDir} does not exist. Choose the folder where Zeek writes its logs.`);
      settings = { ...settings, ...patch };
      return settings;
    },
    detectZeekDirs: async () => [
      { path: '/opt/zeek/logs', exists: true, hasLogs: true },
      { path: '/nsm/zeek/logs', exists: false, hasLogs: false },
    ],
    pickZeekDir: async () => null,
    rescoreNow: async () => ({ at: NOW, windowEnd: NOW, pairs: findings.length, durationMs: 12, newAlerts: 0 }),
    setPaused: async () => status(),
    loadDemo: async () => {
      demo = true;
      return status();
    },
    listAllowRules: async () => rules,
    addAllowRule: async (input) => {
      const r = toRule(input, `u${seq++}`);
      rules.push(r);
      return r;
    },
    updateAllowRule: async ({ id, patch }) => {
      const i = rules.findIndex((r) => r.id === id);
      if (i < 0) throw new ApiError('not-found', `no rule ${id}`);
      rules[i] = {
        ...rules[i]!,
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
      };
      return rules[i]!;
    },
    removeAllowRule: async ({ id }) => {
      const i = rules.findIndex((r) => r.id === id && !r.builtin);
      if (i >= 0) rules.splice(i, 1);
      return { removed: i >= 0 };
    },
    importAllowRules: async () => ({ added: 0, replaced: 0 }),
    exportAllowRules: async () => ({
      json: JSON.stringify(
        rules.filter((r) => !r.builtin),
        null,
        2,
      ),
    }),
    suggestLocalNetworks: async () => [{ cidr: '10.0.0.0/24', reason: 'DHCP assigned 3 addresses in it', configured: false }],
    sendTestAlert: async () => [],
    getEventDetails: async ({ pairId }) => {
      const f = get(pairId);
      return { pairId, source: f.source, events: [], wanted: 0, state: 'none', notes: [], filesRead: 0, notLogged: [] };
    },
    getDataTimeline: async () => ({
      hours: [0, 1, 2].map((d) => ({ start: Math.floor((NOW - d * DAY) / 3600) * 3600, events: 1000 })),
      newest: NOW - 60,
      liveEnd: NOW,
      retentionFrom: NOW - 60,
      retention: { days: 7, removedBefore: null, paused: false },
    }),
    getReview: async () => ({ pending: false, finishedAt: NOW, groups: [], undecided: 0, newSinceReview: 0 }),
    decideReview: async () => ({ pending: false, finishedAt: NOW, groups: [], undecided: 0, newSinceReview: 0 }),
    finishReview: async () => ({ pending: false, finishedAt: NOW, groups: [], undecided: 0, newSinceReview: 0 }),
    ...fakeIntelApi(),
    listLongConnections: async () => ({ longest: [], cumulative: [] }),
    setFindingCase: async ({ pairId, status: s, tags, note }) => {
      const f = get(pairId);
      const before = f.case ?? { status: 'open' as const, tags: [], note: '', updatedAt: null };
      return { ...f, case: { status: s ?? before.status, tags: tags ?? before.tags, note: note ?? before.note, updatedAt: NOW } };
    },
    scoreWindow: async (w) => ({
      window: { end: w.end, lengthS: w.lengthS },
      end: w.end ?? NOW,
      lengthS: w.lengthS,
      state: 'ready',
      done: 1,
      total: 1,
    }),
  };
}
