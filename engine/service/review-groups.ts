// Which findings the day-one review shows and how they group (pure: unit-tested on its own).
// A behaviour the owner knows as one service ("the thermostat cloud") often spans several
// findings, so the review groups by the catalogue's vendor when a built-in entry knows it, else
// by the destination's registered domain, else by the destination itself.
import type { FindingView, ReviewGroup } from '../contract/api.js';
import { registeredDomain } from '../allowlist/patterns.js';
import { parseAddress } from '../allowlist/patterns.js';
import { isDefaultDirection } from '../findings/pair-finding.js';

/**
 * Present since the first logs, outbound or local, not dismissed, and either above the alert
 * threshold or already allow-listed (a built-in entry, or the owner's accept in this review).
 * Nothing here lowers anything: the review only lists; each finding keeps its state and score.
 */
export function reviewCandidates(findings: readonly FindingView[], alertThreshold: number): FindingView[] {
  return findings.filter(
    (f) => f.presentSinceStart && isDefaultDirection(f) && !f.dismissed && (f.score >= alertThreshold || f.allowlisted !== null),
  );
}

/** The group key and label of one finding; `vendorOf` names the vendor of a built-in rule. */
export function groupOf(f: FindingView, vendorOf: (ruleId: string) => string | null): Pick<ReviewGroup, 'key' | 'label' | 'by'> {
  const vendor = f.allowlisted?.builtin ? vendorOf(f.allowlisted.ruleId) : null;
  if (vendor) return { key: `vendor:${vendor}`, label: vendor, by: 'vendor' };
  const dst = f.dst.startsWith('*.') ? f.dst.slice(2) : f.dst;
  const domain = parseAddress(dst) === null ? registeredDomain(dst) : null;
  if (domain) return { key: `domain:${domain}`, label: domain, by: 'domain' };
  return { key: `dst:${dst}`, label: dst, by: 'destination' };
}

/** Groups in the findings' order (best first): the group of the strongest finding comes first. */
export function groupFindings(
  findings: readonly FindingView[],
  vendorOf: (ruleId: string) => string | null,
): Pick<ReviewGroup, 'key' | 'label' | 'by' | 'known' | 'findings'>[] {
  const by = new Map<string, Pick<ReviewGroup, 'key' | 'label' | 'by' | 'known' | 'findings'>>();
  for (const f of findings) {
    const g = groupOf(f, vendorOf);
    let group = by.get(g.key);
    if (!group) by.set(g.key, (group = { ...g, known: true, findings: [] }));
    group.findings.push(f);
    if (!f.allowlisted?.builtin) group.known = false;
  }
  return [...by.values()];
}
