// Sends alerts to what the owner configured in Settings: an ntfy topic URL and/or a generic JSON
// webhook (Home Assistant can consume it). Nothing is sent anywhere unless a URL is set.
import type { FindingView, Settings } from '../api.js';
import { AlertLimiter, type PlannedAlert } from './plan.js';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number }>;

export interface SendResult {
  target: 'ntfy' | 'webhook';
  ok: boolean;
  message: string;
}

const TIMEOUT_MS = 10_000;

/** Targets of a settings object; an empty list when none is configured. */
function targets(s: Pick<Settings, 'alertNtfyUrl' | 'alertWebhookUrl'>): { target: SendResult['target']; url: string }[] {
  const out: { target: SendResult['target']; url: string }[] = [];
  if (s.alertNtfyUrl) out.push({ target: 'ntfy', url: s.alertNtfyUrl });
  if (s.alertWebhookUrl) out.push({ target: 'webhook', url: s.alertWebhookUrl });
  return out;
}

function request(target: SendResult['target'], alert: PlannedAlert, type: 'alert' | 'test'): { headers: Record<string, string>; body: string } {
  if (target === 'ntfy') {
    // ntfy: the body is the message (plain text, markdown off); the title is our own ASCII words
    return {
      headers: { 'Content-Type': 'text/plain; charset=utf-8', Title: alert.title, Tags: type === 'test' ? 'test_tube' : 'satellite' },
      body: alert.message,
    };
  }
  return {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      source: 'beaconwatch',
      type,
      title: alert.title,
      message: alert.message,
      findings: alert.findings,
      sent_at: new Date().toISOString(),
    }),
  };
}

export class RemoteAlerts {
  private readonly limiters = new Map<string, AlertLimiter>();

  constructor(
    private readonly settings: () => Pick<Settings, 'alertNtfyUrl' | 'alertWebhookUrl' | 'alertLinkBase'>,
    private readonly log: (line: string) => void,
    private readonly fetchImpl: FetchLike = fetch as unknown as FetchLike,
  ) {}

  /** new findings after a rescore: batched and rate-limited per target */
  async notify(findings: readonly FindingView[]): Promise<SendResult[]> {
    const results: SendResult[] = [];
    const settings = this.settings();
    for (const { target, url } of targets(settings)) {
      let limiter = this.limiters.get(url);
      if (!limiter) this.limiters.set(url, (limiter = new AlertLimiter()));
      for (const alert of limiter.take(findings, Date.now(), settings.alertLinkBase ?? null))
        results.push(await this.send(target, url, alert, 'alert'));
    }
    for (const r of results) if (!r.ok) this.log(`alert to ${r.target} failed: ${r.message}`);
    return results;
  }

  /** the Settings page's "Send test": one message to each configured target */
  async test(): Promise<SendResult[]> {
    const alert: PlannedAlert = {
      title: 'Beaconwatch: test alert',
      message: 'This is a test from Beaconwatch. Alerts about new beacons will arrive here.',
      findings: [],
    };
    const out: SendResult[] = [];
    for (const { target, url } of targets(this.settings())) out.push(await this.send(target, url, alert, 'test'));
    return out;
  }

  private async send(target: SendResult['target'], url: string, alert: PlannedAlert, type: 'alert' | 'test'): Promise<SendResult> {
    try {
      const res = await this.fetchImpl(url, { method: 'POST', ...request(target, alert, type), signal: AbortSignal.timeout(TIMEOUT_MS) });
      return res.ok ? { target, ok: true, message: `sent (HTTP ${res.status})` } : { target, ok: false, message: `HTTP ${res.status}` };
    } catch (e) {
      return { target, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }
}
