// A probability a person can read, from log-odds. Scores near certainty differ by orders of
// magnitude (5 check-ins against 8,640), yet "100 %" says the same of both: near 1 the digits
// grow until the distance to 100 % shows, and beyond a millionth the odds are said instead.
// Dependency-free: the renderer, the CLI and alerts share it.

const LN10 = Math.log(10);

/** 1 − sigmoid(L), without cancellation for large L */
function tail(L: number): number {
  return L > 0 ? Math.exp(-L) / (1 + Math.exp(-L)) : 1 / (1 + Math.exp(L));
}

/** e.g. "87 %", "99.97 %", "> 99.9999 %"; never "100 %" for a finite log-odds. */
export function probabilityText(logOdds: number): string {
  if (!Number.isFinite(logOdds)) return logOdds > 0 ? '> 99.9999 %' : '—';
  const q = tail(logOdds) * 100;
  const p = 100 - q;
  if (p < 1) return '< 1 %';
  if (q > 1) return `${Math.round(p)} %`;
  if (q < 1e-4) return '> 99.9999 %';
  const digits = Math.max(1, Math.ceil(-Math.log10(q)));
  const shown = Math.floor(p * 10 ** digits) / 10 ** digits;
  return `${shown.toFixed(digits)} %`;
}

/** The odds against chance for very strong evidence, e.g. "odds 10^21 to 1"; null below a million to one. */
export function oddsText(logOdds: number): string | null {
  if (!(logOdds > 6 * LN10)) return null;
  if (!Number.isFinite(logOdds)) return 'odds beyond 10^300 to 1';
  return `odds 10^${Math.floor(logOdds / LN10)} to 1`;
}

/** "very likely a timer: 99.97 %": how sure, in words first. */
export function timerCertainty(logOdds: number): string {
  const p = 1 - tail(logOdds);
  const words = p >= 0.99 ? 'very likely a timer' : p >= 0.8 ? 'likely a timer' : p >= 0.5 ? 'possibly a timer' : 'probably not a timer';
  const odds = oddsText(logOdds);
  return `${words}: ${probabilityText(logOdds)}${odds ? ` (${odds})` : ''}`;
}

/** log-odds of a probability, clamped so 0 and 1 stay finite */
export function logOddsOf(p: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return Math.log(q / (1 - q));
}
