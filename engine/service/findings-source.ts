// Where every use case gets its findings: the live window's from the stored scores, another
// window's as scored on demand (time-window.ts), each built once between the changes that alter
// them (findings-cache.ts). The finding page and dismissal are per finding, found by any member.
import { ApiError, type FindingView, type TimeWindow } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import type { ViewContext } from './views.js';
import { FindingsCache, type BuiltFindings } from './findings-cache.js';
import { type TimeWindowsRuntime, TimeWindows, windowKey } from './time-window.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'settings' | 'store' | 'viewContext' | 'on'> & TimeWindowsRuntime;

export interface WindowFindings {
  built: BuiltFindings;
  ctx: ViewContext;
  /** the window's end (epoch s); null: the live window */
  end: number | null;
  lengthS: number;
}

export interface FindingsSource {
  /** windows other than the live one: scored on demand, apart from the stored scores */
  readonly windows: TimeWindows;
  /** findings built once between the changes that alter them, per window */
  readonly cache: FindingsCache;
  findingsIn(w: TimeWindow | undefined): Promise<WindowFindings>;
  /** the finding (behaviour) a pair belongs to; not-found when there is no such pair or it is unscored */
  findingOf(pairId: number, built: BuiltFindings): FindingView;
}

export function createFindingsSource(rt: RuntimeParts): FindingsSource {
  const windows = new TimeWindows(rt);
  const cache = new FindingsCache(rt);
  return {
    windows,
    cache,
    async findingsIn(w) {
      if (!w || windows.isLive(w)) {
        const built = cache.get('live', null, () => ({ rows: rt.store.pairs.listScoredPairs(), ctx: rt.viewContext() }));
        return { built, ctx: rt.viewContext(), end: null, lengthS: rt.settings.windowS };
      }
      const scored = await windows.rows(w);
      return { built: cache.get(windowKey(w), scored.scores, () => scored), ctx: scored.ctx, end: scored.end, lengthS: w.lengthS };
    },
    findingOf(pairId, built) {
      if (!rt.store.pairs.getPair(pairId)) throw new ApiError('not-found', `no pair with id ${pairId}`);
      const v = built.byPair.get(pairId);
      if (!v) throw new ApiError('not-found', `pair ${pairId} has not been scored yet; rescore first`);
      return v;
    },
  };
}
