// The owner's case about a finding (status, tags, note): kept under the finding's id and laid
// over the findings as they are answered. A case is the owner's bookkeeping: it never changes a
// score, a state or what the list hides (a "resolved" C2 still alerts and still shows).
import type { BeaconwatchApi, FindingCase, FindingView } from '../contract/api.js';
import type { CaseStore } from '../../db/case-store.js';
import type { FindingsSource } from './findings-source.js';

/** what a finding without a stored case reads as */
export const OPEN_CASE: Readonly<FindingCase> = Object.freeze({ status: 'open', tags: [], note: '', updatedAt: null });

/** The findings with their cases (one read of the case table for the whole list). */
export function withCases<T extends FindingView>(cases: Pick<CaseStore, 'all'>, findings: readonly T[]): T[] {
  const stored = cases.all();
  return findings.map((f) => ({ ...f, case: stored.get(f.findingId) ?? { ...OPEN_CASE, tags: [] } }));
}

export function withCase<T extends FindingView>(cases: Pick<CaseStore, 'get'>, f: T): T {
  return { ...f, case: cases.get(f.findingId) ?? { ...OPEN_CASE, tags: [] } };
}

export function caseApi(
  cases: Pick<CaseStore, 'get' | 'set'>,
  findings: Pick<FindingsSource, 'findingsIn' | 'findingOf'>,
): Pick<BeaconwatchApi, 'setFindingCase'> {
  return {
    async setFindingCase({ pairId, window, ...patch }) {
      const finding = findings.findingOf(pairId, (await findings.findingsIn(window)).built);
      const before = cases.get(finding.findingId) ?? OPEN_CASE;
      // the same tag twice is one tag; the owner's order stays
      const tags = patch.tags ? [...new Set(patch.tags)] : before.tags;
      const stored = cases.set(
        finding.findingId,
        { status: patch.status ?? before.status, tags, note: patch.note ?? before.note },
        Date.now() / 1000,
      );
      return { ...finding, case: stored };
    },
  };
}
