// The backfill's progress in words, for the status bar and the tray alike ("reading 3 days of
// history: 41 %"). Pure and dependency-free, so the renderer may import it (eslint.config.js).
import type { EngineStatus } from './values.js';

type Backfill = NonNullable<EngineStatus['backfill']>;

/** how much time the files being read cover, rounded the way a person says it */
function spanWords(spanS: number): string {
  const hours = Math.round(spanS / 3600);
  if (hours < 1) return 'recent history';
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'} of history`;
  return `${Math.round(spanS / 86400)} days of history`;
}

/** by bytes, which track the time left better than files do (one archive may hold most of it) */
export function backfillPercent(b: Backfill): number {
  const frac = b.bytesTotal > 0 ? b.bytesDone / b.bytesTotal : b.filesTotal > 0 ? b.filesDone / b.filesTotal : 0;
  // never 100 % while a file is left: the rounding would claim it done
  return Math.min(Math.floor(frac * 100), b.filesDone < b.filesTotal ? 99 : 100);
}

export function backfillWords(b: Backfill): string {
  return `reading ${spanWords(b.spanS)}: ${backfillPercent(b)} %`;
}
