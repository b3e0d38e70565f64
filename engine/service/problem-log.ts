// The runtime's recent problems (EngineStatus.problems): newest first, at most 50, with the rows
// the warnings skipped counted over the whole run, and the transient ones (disk full, a .gz still
// being written) dropped once their file is read.
import type { ProblemView } from '../contract/api.js';

const KEPT = 50;

export class ProblemLog {
  private readonly list: ProblemView[] = [];
  /** rows skipped by every read of this run (warnings' counts) */
  skippedRows = 0;
  private readonly transient = new Set<ProblemView>();

  add(view: ProblemView, transient: boolean): void {
    if (view.level === 'warning') this.skippedRows += view.rows;
    if (transient) this.transient.add(view);
    this.list.unshift(view);
    this.list.length = Math.min(this.list.length, KEPT);
    for (const t of this.transient) if (!this.list.includes(t)) this.transient.delete(t);
  }

  /** A file that had failed for a transient reason was read: its notices are over. */
  resolve(file: string): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const p = this.list[i]!;
      if (p.file === file && this.transient.delete(p)) this.list.splice(i, 1);
    }
  }

  recent(n: number): ProblemView[] {
    return this.list.slice(0, n);
  }

  errors(): number {
    return this.list.filter((p) => p.level === 'error').length;
  }
}
