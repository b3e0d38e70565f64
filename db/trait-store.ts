// Per-pair traits (migration 007): written by the ingest in its own transaction (IngestStore
// calls `write` inside commitBatch), read by the findings (RITA's modifiers) and the
// long-connections view.
import type { SqliteDatabase } from './open.js';
import type { Direction } from '../engine/contract/types.js';
import type { BatchTraits, SignatureKind, TraitTotals } from '../engine/contract/ingest-batch.js';

/** values kept per pair and kind (the batch keeps as many: engine/ingest/trait-batch.ts MAX_SIGNATURES) */
const MAX_SIGNATURES = 16;

/** A pair's traits as stored: the batches' totals summed (the longest connection unset when none had a duration). */
export interface PairTraits extends Omit<TraitTotals, 'longestTs' | 'longestBytes'> {
  pairId: number;
  longestTs: number | null;
  longestBytes: number | null;
  mismatches: number;
  mismatchExample: string | null;
}

export interface PairSignature {
  pairId: number;
  src: string;
  kind: SignatureKind;
  value: string;
  count: number;
}

/** A conn pair with its durations, for the long-connections view. */
export interface LongPairRow extends PairTraits {
  src: string;
  dst: string;
  port: number | null;
  proto: string | null;
  service: string | null;
  direction: Direction;
  firstSeen: number;
  lastSeen: number;
}

const TRAIT_COLUMNS = `t.pair_id AS pairId, t.rows, t.sent, t.received, t.durations, t.duration_sum AS durationSum,
  t.duration_max AS durationMax, t.longest_ts AS longestTs, t.longest_bytes AS longestBytes, t.mismatches,
  t.mismatch_example AS mismatchExample`;

export class TraitStore {
  private readonly upsertStmt;
  private readonly signatureStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.upsertStmt = db.prepare(`
      INSERT INTO pair_traits (pair_id, rows, sent, received, durations, duration_sum, duration_max, longest_ts, longest_bytes, mismatches, mismatch_example)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (pair_id) DO UPDATE SET rows = rows + excluded.rows, sent = sent + excluded.sent,
        received = received + excluded.received, durations = durations + excluded.durations,
        duration_sum = duration_sum + excluded.duration_sum,
        longest_ts = CASE WHEN excluded.durations > 0 AND (durations = 0 OR excluded.duration_max > duration_max) THEN excluded.longest_ts ELSE longest_ts END,
        longest_bytes = CASE WHEN excluded.durations > 0 AND (durations = 0 OR excluded.duration_max > duration_max) THEN excluded.longest_bytes ELSE longest_bytes END,
        duration_max = MAX(duration_max, excluded.duration_max),
        mismatches = mismatches + excluded.mismatches, mismatch_example = COALESCE(mismatch_example, excluded.mismatch_example)`);
    // a new value only while the pair holds fewer than MAX_SIGNATURES of that kind
    this.signatureStmt = db.prepare(`
      INSERT INTO pair_signatures (pair_id, kind, value, count, first_seen, last_seen)
      SELECT @id, @kind, @value, @count, @first, @last
      WHERE EXISTS (SELECT 1 FROM pair_signatures WHERE pair_id = @id AND kind = @kind AND value = @value)
        OR (SELECT COUNT(*) FROM pair_signatures WHERE pair_id = @id AND kind = @kind) < ${MAX_SIGNATURES}
      ON CONFLICT (pair_id, kind, value) DO UPDATE SET count = count + excluded.count,
        first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`);
  }

  /** The batch's traits, by its slots' (now known) pair ids. Call inside the ingest transaction. */
  write(traits: BatchTraits, storedIds: ArrayLike<number>): void {
    for (let k = 0; k < storedIds.length; k++) {
      const x = traits.extras.get(k);
      const t = traits.totals(k);
      if (t.rows === 0 && !x) continue;
      const id = storedIds[k]!;
      const d = t.durations;
      this.upsertStmt.run(
        id,
        t.rows,
        t.sent,
        t.received,
        d,
        t.durationSum,
        t.durationMax,
        d > 0 ? t.longestTs : null,
        d > 0 ? t.longestBytes : null,
        x?.mismatches ?? 0,
        x?.mismatchExample ?? null,
      );
      if (!x) continue;
      for (const [kind, values] of x.signatures)
        for (const [value, s] of values) this.signatureStmt.run({ id, kind, value, count: s.count, first: s.first, last: s.last });
    }
  }

  /** Every pair's traits (a listing reads them once). */
  all(): Map<number, PairTraits> {
    const rows = this.db.prepare(`SELECT ${TRAIT_COLUMNS} FROM pair_traits t`).all() as PairTraits[];
    return new Map(rows.map((r) => [r.pairId, r]));
  }

  /** Every stored signature with its pair's device. */
  signatures(): PairSignature[] {
    return this.db
      .prepare('SELECT s.pair_id AS pairId, p.src, s.kind, s.value, s.count FROM pair_signatures s JOIN pairs p ON p.id = s.pair_id')
      .all() as PairSignature[];
  }

  /**
   * conn pairs by their longest single connection, or by their summed durations; longest first.
   * `allDirections` false: outbound and local pairs only (what the overview shows by default).
   */
  longest(by: 'single' | 'total', limit: number, allDirections: boolean): LongPairRow[] {
    const col = by === 'single' ? 't.duration_max' : 't.duration_sum';
    return this.db
      .prepare(
        `SELECT ${TRAIT_COLUMNS}, p.src, p.dst, p.port, p.proto, p.service, p.direction, p.first_seen AS firstSeen, p.last_seen AS lastSeen
         FROM pair_traits t JOIN pairs p ON p.id = t.pair_id
         WHERE t.durations > 0 AND p.source = 'conn' AND ${col} > 0 AND (? OR p.direction IN ('outbound', 'local'))
         ORDER BY ${col} DESC, t.pair_id LIMIT ?`,
      )
      .all(allDirections ? 1 : 0, limit) as LongPairRow[];
  }
}
