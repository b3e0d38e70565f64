// Decides which desktop notifications an `alerts` event produces. Rare and worth reading: one
// notification per new finding (a behaviour: see engine/findings), but one summary when more than `maxIndividual` arrive together;
// nothing when the owner turned notifications off; a finding is never announced twice in a session.
// No Electron import: the thin notifications.ts shows what this plans.
import type { FindingView } from '../engine/api.js';

export interface PlannedNotification {
  title: string;
  body: string;
  /** the pair a click opens; null for the summary (a click just shows the window) */
  pairId: number | null;
}

export interface NotificationPlanOptions {
  /** settings.notifications */
  enabled: boolean;
  /** more than this many new findings at once become one summary (default 3) */
  maxIndividual?: number;
  /** findings (by id) already announced in this session */
  alreadyNotified?: ReadonlySet<number>;
}

const MAX_TITLE = 80;
const MAX_BODY = 240;
const SUMMARY_LINES = 3;

// C0/C1 controls, and the bidi overrides/isolates a name could use to spoof the reading order.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Log strings (DNS names, Host, SNI) are attacker-controlled: plain text, no controls, bounded. */
export function cleanText(s: string, max: number): string {
  const t = s.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function who(f: FindingView): string {
  // a campaign: the same hard-coded address on several devices is said as one beacon on N devices
  if (f.campaign && f.campaign.devices.length > 1) {
    const names = f.campaign.devices.slice(0, 3).map((d) => d.name ?? d.address);
    return `${f.campaign.devices.length} devices (${names.join(', ')}${f.campaign.devices.length > 3 ? ', …' : ''})`;
  }
  return f.deviceName ? `${f.deviceName} (${f.src})` : f.src;
}

function what(f: FindingView): string {
  if (f.source === 'dns') return f.variant === 'failed' ? `failed lookups of ${f.dst}` : `lookups of ${f.dst}`;
  return f.dst;
}

export function describeFinding(f: FindingView): PlannedNotification {
  return {
    title: cleanText(`${f.intel ? 'Known C2 contacted' : 'New beacon'}: ${who(f)} → ${what(f)}`, MAX_TITLE),
    body: cleanText(`${f.summary} (${f.source}, score ${f.score.toFixed(2)})`, MAX_BODY),
    pairId: f.pairId,
  };
}

export function planNotifications(findings: readonly FindingView[], opts: NotificationPlanOptions): PlannedNotification[] {
  if (!opts.enabled) return [];
  const max = opts.maxIndividual ?? 3;
  const seen = new Set<number>(opts.alreadyNotified ?? []);
  const fresh: FindingView[] = [];
  for (const f of findings) {
    if (seen.has(f.pairId)) continue;
    seen.add(f.pairId);
    fresh.push(f);
  }
  if (fresh.length === 0) return [];
  if (fresh.length <= max) return fresh.map(describeFinding);
  const strongest = [...fresh].sort((a, b) => b.score - a.score);
  const devices = new Set(fresh.map((f) => f.src)).size;
  const lines = strongest.slice(0, SUMMARY_LINES).map((f) => `${who(f)} → ${what(f)}`);
  const more = fresh.length - lines.length;
  const body = lines.join('\n') + (more > 0 ? `\n…and ${more} more` : '');
  return [
    {
      title: cleanText(`${fresh.length} new beaconing findings on ${devices} device${devices === 1 ? '' : 's'}`, MAX_TITLE),
      // keep the line breaks between entries, clean each entry
      body: body
        .split('\n')
        .map((l) => cleanText(l, MAX_BODY))
        .join('\n'),
      pairId: null,
    },
  ];
}
