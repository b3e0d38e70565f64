// The day-one review's decisions and completion time (migration 005). Only persists: which
// groups make up the review and what a decision does is engine/service/review.ts.
import type { SqliteDatabase } from './open.js';

export type ReviewDecision = 'accepted' | 'watching';

export interface ReviewDecisionRow {
  groupKey: string;
  decision: ReviewDecision;
  ruleIds: string[];
  decidedAt: number;
}

export class ReviewStore {
  constructor(private readonly db: SqliteDatabase) {}

  decisions(): ReviewDecisionRow[] {
    const rows = this.db.prepare('SELECT group_key, decision, rule_ids, decided_at FROM review_decisions ORDER BY decided_at, group_key').all() as {
      group_key: string;
      decision: ReviewDecision;
      rule_ids: string;
      decided_at: number;
    }[];
    return rows.map((r) => ({ groupKey: r.group_key, decision: r.decision, ruleIds: JSON.parse(r.rule_ids) as string[], decidedAt: r.decided_at }));
  }

  /** Records (or replaces: the owner may change their mind) the decision on one group. */
  decide(groupKey: string, decision: ReviewDecision, ruleIds: readonly string[], at: number): void {
    this.db
      .prepare(
        `INSERT INTO review_decisions (group_key, decision, rule_ids, decided_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_key) DO UPDATE SET decision = excluded.decision, rule_ids = excluded.rule_ids, decided_at = excluded.decided_at`,
      )
      .run(groupKey, decision, JSON.stringify(ruleIds), at);
  }

  /** When the review was finished, or null while it is pending (or never started). */
  finishedAt(): number | null {
    const row = this.db.prepare('SELECT finished_at FROM review_state WHERE id = 1').get() as { finished_at: number | null } | undefined;
    return row?.finished_at ?? null;
  }

  /** Marks the review done at `at`; null offers it again (reopened from Settings or the overview). */
  setFinishedAt(at: number | null): void {
    this.db
      .prepare('INSERT INTO review_state (id, finished_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at')
      .run(at);
  }
}
