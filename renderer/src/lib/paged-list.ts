// Reads a long findings list a page at a time. One answer of 10,000 findings is several MB; in
// the desktop it crosses from the engine thread to Electron main and from main to the window,
// and main decodes and encodes each answer in one piece, its windows and tray waiting meanwhile.
// Pages keep every message small. A change between pages (a rescore, an edit elsewhere) shows as
// a different total or hidden count: the list is read again from the start, so it is never a
// mix of two versions (after a few tries it is read in one answer, large but whole).
import type { ApiArg, FindingList } from '../../../engine/api.js';

/** findings per answer: about 1.5 KB each, so a few hundred KB per message */
export const PAGE_SIZE = 250;
const TRIES = 3;

export async function listFindingsPaged(
  list: (q: ApiArg<'listFindings'>) => Promise<FindingList>,
  q: Omit<ApiArg<'listFindings'>, 'offset'>,
  pageSize = PAGE_SIZE,
): Promise<FindingList> {
  const wanted = q.limit ?? 500;
  for (let attempt = 0; attempt < TRIES; attempt++) {
    let first: FindingList | null = null;
    const findings: FindingList['findings'] = [];
    let consistent = true;
    while (findings.length < wanted) {
      const ask = Math.min(pageSize, wanted - findings.length);
      const page = await list({ ...q, limit: ask, offset: findings.length });
      first ??= page;
      if (page.total !== first.total || JSON.stringify(page.hidden) !== JSON.stringify(first.hidden)) {
        consistent = false;
        break;
      }
      findings.push(...page.findings);
      // a short page is the list's end
      if (page.findings.length < ask) break;
    }
    if (consistent) return { ...first!, findings };
  }
  return list(q);
}
