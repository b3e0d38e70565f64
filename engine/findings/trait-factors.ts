// RITA v5's modifiers that need more than timing, from the per-pair traits the ingest keeps
// (db/trait-store.ts): a rare signature, large outgoing data, a MIME type that does not fit the
// URI, and a connection held open for hours. Every one only RAISES: each reads values the
// client chose (user agent, JA3/JA4, byte counts, URIs), so an attacker could set them to look
// ordinary — but looking ordinary only leaves the timing's own score, never lowers it.
// assessSuspicion (suspicion.ts) applies what this returns as named factors, shown in "why it scored".
import type { PairSignature, PairTraits } from '../../db/trait-store.js';
import type { FindingBytes } from '../contract/values.js';
import type { Direction } from '../contract/types.js';
import type { SignatureKind } from '../contract/ingest-batch.js';
import { formatBytes } from '../text/bytes.js';
import { formatDuration } from '../text/describe.js';
import type { PairGroup } from './group.js';

/** The factors (docs/model-card.md "Rules that raise a score"). */
export const TRAIT_FACTORS = {
  /** a user agent or JA3/JA4 seen on no other connection of the home */
  rareSignature: 1.2,
  /** sent ≥ LARGE_OUTGOING.ratio × received and ≥ LARGE_OUTGOING.minBytes over the pair's life */
  largeOutgoing: 1.3,
  /** an HTTP answer whose content does not fit the URI (an executable as "/logo.png") */
  mimeMismatch: 1.5,
  /** one connection held open for LONG_CONNECTION_S or more */
  longConnection: 1.2,
} as const;

export const LARGE_OUTGOING = { ratio: 10, minBytes: 1_000_000 } as const;
export const LONG_CONNECTION_S = 3600;

/** The traits of the store's pairs, as a listing sees them (store-context.ts builds it once). */
export interface TraitsView {
  of(pairId: number): PairTraits | undefined;
  signaturesOf(pairId: number): readonly PairSignature[];
  /** the pairs (any device) carrying this signature */
  carriers(kind: SignatureKind, value: string): readonly PairSignature[];
  /** how many pairs carry a signature of this kind (with none elsewhere, "rare" compares with nothing) */
  pairsWithKind(kind: SignatureKind): number;
}

export interface TraitFactor {
  factor: number;
  text: string;
}

const KIND_NAME: Record<SignatureKind, string> = { ua: 'user agent', ja3: 'TLS fingerprint (JA3)', ja4: 'TLS fingerprint (JA4)' };

export function traitFactors(group: PairGroup, direction: Direction, traits: TraitsView | undefined): TraitFactor[] {
  if (!traits) return [];
  const out: TraitFactor[] = [];
  const ids = new Set(group.members.map((m) => m.id));

  // rare signature: every pair carrying it is one of this behaviour's (so one device's), while
  // other connections of the home do carry signatures of that kind to compare with
  const rare = new Map<SignatureKind, string>();
  const ownOfKind = new Map<SignatureKind, number>();
  for (const m of group.members) for (const k of new Set(traits.signaturesOf(m.id).map((s) => s.kind))) ownOfKind.set(k, (ownOfKind.get(k) ?? 0) + 1);
  for (const m of group.members) {
    for (const s of traits.signaturesOf(m.id)) {
      if (rare.has(s.kind) || traits.pairsWithKind(s.kind) <= (ownOfKind.get(s.kind) ?? 0)) continue;
      if (!traits.carriers(s.kind, s.value).some((c) => !ids.has(c.pairId))) rare.set(s.kind, s.value);
    }
  }
  if (rare.size > 0) {
    const said = [...rare].map(([kind, value]) => `${KIND_NAME[kind]} "${clip(value)}"`);
    out.push({ factor: TRAIT_FACTORS.rareSignature, text: `${said.join(' and ')} seen on no other connection of your home` });
  }

  // large outgoing data: the home's device sends far more than it gets (the exfiltration shape)
  const conn = group.members.filter((m) => m.source === 'conn');
  const { sent, received } = totals(group, traits);
  if (direction === 'outbound' && sent >= LARGE_OUTGOING.minBytes && sent >= LARGE_OUTGOING.ratio * received) {
    out.push({
      factor: TRAIT_FACTORS.largeOutgoing,
      text: `sent ${formatBytes(sent)}, received ${formatBytes(received)}: far more out than in (the shape of data being carried out)`,
    });
  }

  // MIME type / URI mismatch
  let mismatches = 0;
  let example: string | null = null;
  for (const m of group.members) {
    const t = m.source === 'http' ? traits.of(m.id) : undefined;
    if (t && t.mismatches > 0) {
      mismatches += t.mismatches;
      example ??= t.mismatchExample;
    }
  }
  if (mismatches > 0) {
    out.push({
      factor: TRAIT_FACTORS.mimeMismatch,
      text: `${mismatches} HTTP answer${mismatches === 1 ? '' : 's'} did not fit what was asked${example ? ` (${clip(example)})` : ''}: a file dressed as something harmless`,
    });
  }

  // a connection held open for hours: a tunnel is C2 too
  let longest: PairTraits | null = null;
  for (const m of conn) {
    const t = traits.of(m.id);
    if (t && t.durations > 0 && (!longest || t.durationMax > longest.durationMax)) longest = t;
  }
  if (longest && longest.durationMax >= LONG_CONNECTION_S && (direction === 'outbound' || direction === 'external')) {
    out.push({
      factor: TRAIT_FACTORS.longConnection,
      text: `a connection held open for ${formatDuration(longest.durationMax)} (${formatBytes(longest.longestBytes ?? 0)}): a tunnel kept open is a channel too`,
    });
  }
  return out;
}

/** the members whose byte counts stand for the behaviour's: its conn pairs, else its HTTP pairs (bodies) */
function carrying(group: PairGroup): PairGroup['members'] {
  const conn = group.members.filter((m) => m.source === 'conn');
  return conn.length > 0 ? conn : group.members.filter((m) => m.source === 'http');
}

function totals(group: PairGroup, traits: TraitsView): { sent: number; received: number; rows: number } {
  let sent = 0;
  let received = 0;
  let rows = 0;
  for (const m of carrying(group)) {
    const t = traits.of(m.id);
    if (t) {
      sent += t.sent;
      received += t.received;
      rows += t.rows;
    }
  }
  return { sent, received, rows };
}

/** The finding's bytes (FindingView.bytes): totals over its life, the typical check-in of its strongest carrying member. */
export function findingBytes(group: PairGroup, traits: TraitsView | undefined): FindingBytes | null {
  if (!traits) return null;
  const t = totals(group, traits);
  if (t.rows === 0) return null;
  let typical: number | null = null;
  let best = -1;
  for (const m of carrying(group)) {
    const p50 = m.stats?.bytesP50;
    if (p50 !== undefined && p50 !== null && Number.isFinite(p50) && (m.score ?? 0) > best) {
      best = m.score ?? 0;
      typical = p50;
    }
  }
  return { sent: t.sent, received: t.received, typicalPerCheckIn: typical };
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
