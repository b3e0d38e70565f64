// The owner's case per finding (migration 008): status, tags and note. Only persists; what a
// case means for the list (nothing is hidden or scored by it) is the engine's and the page's.
import type { CaseStatus, FindingCase } from '../engine/contract/values.js';
import type { SqliteDatabase } from './open.js';

interface CaseRow {
  finding_id: number;
  status: CaseStatus;
  tags: string;
  note: string;
  updated_at: number;
}

const toCase = (r: CaseRow): FindingCase => ({ status: r.status, tags: JSON.parse(r.tags) as string[], note: r.note, updatedAt: r.updated_at });

export class CaseStore {
  constructor(private readonly db: SqliteDatabase) {}

  get(findingId: number): FindingCase | null {
    const r = this.db.prepare('SELECT * FROM finding_cases WHERE finding_id = ?').get(findingId) as CaseRow | undefined;
    return r ? toCase(r) : null;
  }

  /** every stored case by finding id (one query for a whole list) */
  all(): Map<number, FindingCase> {
    const rows = this.db.prepare('SELECT * FROM finding_cases').all() as CaseRow[];
    return new Map(rows.map((r) => [r.finding_id, toCase(r)]));
  }

  /** Writes the whole case of one finding (the caller merges a patch over what is stored). */
  set(findingId: number, c: Omit<FindingCase, 'updatedAt'>, at: number): FindingCase {
    this.db
      .prepare(
        `INSERT INTO finding_cases (finding_id, status, tags, note, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (finding_id) DO UPDATE SET status = excluded.status, tags = excluded.tags, note = excluded.note, updated_at = excluded.updated_at`,
      )
      .run(findingId, c.status, JSON.stringify(c.tags), c.note, at);
    return { ...c, tags: [...c.tags], updatedAt: at };
  }
}
