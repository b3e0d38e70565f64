// The running engine's coverage (EngineStatus.coverage, FindingList.coverageSentence): what the
// rescore's window scored and what it left out, from the store, with the folder's file counts
// as they are now (files still being read change between rescores).
import type { PairStore } from '../../db/pair-store.js';
import type { Coverage } from '../contract/api.js';

/** the part of Coverage that only a rescore changes */
export type WindowCoverage = Pick<Coverage, 'dataFrom' | 'dataTo' | 'windowEnd' | 'windowS' | 'pairsInWindow' | 'pairsOutside' | 'eventsOutside'>;

export type FileCoverage = Pick<Coverage, 'filesFound' | 'filesUnreadable' | 'filesPending' | 'problems' | 'rowsSkipped'>;

export const NO_FILE_PROBLEMS: FileCoverage = { filesFound: 0, filesUnreadable: 0, filesPending: 0, problems: 0, rowsSkipped: 0 };

export function windowCoverage(pairs: PairStore, windowEnd: number, windowS: number): WindowCoverage {
  const w = pairs.windowCoverage(windowEnd - windowS, windowEnd);
  return {
    dataFrom: pairs.firstEventTime(),
    dataTo: pairs.latestEventTime(),
    windowEnd,
    windowS,
    pairsInWindow: w.inWindow,
    pairsOutside: w.outside,
    eventsOutside: w.eventsOutside,
  };
}

export function coverageOf(w: WindowCoverage, files: FileCoverage): Coverage {
  return { ...w, allTime: false, ...files };
}
