// Which events of an appended batch are new, by ordinal (see db/site/site-store.ts): both stores
// apply the same rule, so a re-sent batch is skipped and a hole is refused the same way.
import type { SiteBatch } from './site-store.js';
import { checkSensorName } from './sensor-name.js';

export interface ResumePlan {
  /** ordinal of the batch's first event in its file */
  first: number;
  /** leading events of the batch already stored (ordinal below what the store holds) */
  skip: number;
}

/** `storedEvents`: the events the store's position for this file covers (0 when none). */
export function resumePlan(batch: SiteBatch, storedEvents: number): ResumePlan {
  checkSensorName(batch.sensor);
  const p = batch.position;
  const first = p.events - batch.events.length;
  if (!Number.isInteger(p.events) || first < 0) {
    throw new Error(`position of ${p.path} says ${p.events} events read, fewer than the ${batch.events.length} events of the batch`);
  }
  if (!Number.isInteger(p.offset) || p.offset < 0) throw new Error(`position of ${p.path} has a bad offset ${p.offset}`);
  if (first > storedEvents) {
    throw new Error(
      `batch of ${p.path} starts at event ${first} but the store holds ${storedEvents} events of that file: events ${storedEvents}..${first - 1} are missing (resume from the stored position)`,
    );
  }
  return { first, skip: Math.min(batch.events.length, storedEvents - first) };
}
