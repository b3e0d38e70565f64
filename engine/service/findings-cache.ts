// The findings built from the stored scores, kept between the events that change them. Building
// them (buildFindings: grouping, name evidence, suspicion) is most of what listFindings,
// listDevices, getPair and listAllowRules cost on a large store (~150 ms each for 3,000 pairs),
// and the overview asks for several of them at every reload. What they depend on changes only at
// a rescore (new scores, retention's prune, notified alerts), an allow-list edit, a dismissal or
// a review decision (all emitted as `changed: allowlist`), a settings change and a device label;
// ingest between rescores adds events and unscored pairs, which no finding shows until the next
// rescore, so it does not invalidate (the device list's counts are read fresh, views.ts).
import type { ScoredPairRow } from '../contract/rows.js';
import type { FindingView } from '../contract/api.js';
import { buildFindings } from '../findings/build.js';
import { shownAsFinding } from '../contract/thresholds.js';
import type { ViewContext } from './views.js';

/** what one build gives: every finding, the shown ones, and each member pair's finding */
export interface BuiltFindings {
  all: readonly FindingView[];
  visible: readonly FindingView[];
  byPair: ReadonlyMap<number, FindingView>;
}

/** windows kept built (the live one and a few chosen ones); the oldest asked for goes first */
const MAX_ENTRIES = 8;

interface Entry {
  version: number;
  /** the window's scores as scored (a window scored again is a new object): null for the live one */
  scores: object | null;
  built: BuiltFindings;
}

export class FindingsCache {
  private version = 0;
  private readonly entries = new Map<string, Entry>();
  /** builds done, for tests and the bench: a hit does not count */
  builds = 0;

  constructor(events: { on(event: 'changed', fn: (c: { reason: string }) => void): unknown }) {
    events.on('changed', (c) => {
      if (c.reason !== 'ingest') this.invalidate();
    });
  }

  /** Forget every build: the next call builds again (a change no `changed` event reports). */
  invalidate(): void {
    this.version++;
    this.entries.clear();
  }

  /**
   * The findings of `key`'s window, built from `rows` and `ctx` unless built since the last
   * change. `scores` names the scoring the rows came from (see Entry); the returned objects are
   * shared between calls, so callers copy before changing them.
   */
  get(key: string, scores: object | null, source: () => { rows: readonly ScoredPairRow[]; ctx: ViewContext }): BuiltFindings {
    const have = this.entries.get(key);
    if (have && have.version === this.version && have.scores === scores) {
      this.entries.delete(key);
      this.entries.set(key, have);
      return have.built;
    }
    const { rows, ctx } = source();
    const built = build(rows, ctx);
    this.builds++;
    this.entries.delete(key);
    this.entries.set(key, { version: this.version, scores, built });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return built;
  }
}

export function build(rows: readonly ScoredPairRow[], ctx: ViewContext): BuiltFindings {
  const all = buildFindings(rows, ctx);
  const byPair = new Map<number, FindingView>();
  // a pair belongs to one finding; the first one listing it wins, as findingOfPair's find did
  for (const v of all) for (const m of v.members) if (!byPair.has(m.pairId)) byPair.set(m.pairId, v);
  return { all, visible: all.filter((v) => shownAsFinding(v)), byPair };
}
