// The allow-list and day-one review use cases: rules with their hit counts (from the findings as
// shown, so the owner sees what a rule really hides), changes announced as 'allowlist', and the
// allow-list's errors by kind.
import { ApiError, type BeaconwatchApi } from '../contract/api.js';
import { AllowRuleError, AllowRuleNotFoundError } from '../allowlist/errors.js';
import type { EngineRuntime } from './runtime.js';
import type { FindingsSource } from './findings-source.js';
import { createReview } from './review.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'allowlist' | 'emit' | 'settings' | 'store' | 'viewContext'>;

type AllowCalls =
  | 'listAllowRules'
  | 'addAllowRule'
  | 'updateAllowRule'
  | 'removeAllowRule'
  | 'importAllowRules'
  | 'exportAllowRules'
  | 'getReview'
  | 'decideReview'
  | 'finishReview';

export function allowApi(rt: RuntimeParts, findings: Pick<FindingsSource, 'findingsIn'>): Pick<BeaconwatchApi, AllowCalls> {
  const review = createReview(rt);
  /** runs a change and tells the windows that what is shown changed */
  const changing = <T>(fn: () => T, errorsByKind = true): T => {
    const r = errorsByKind ? wrap(fn) : fn();
    rt.emit('changed', { reason: 'allowlist' });
    return r;
  };
  return {
    async listAllowRules() {
      const hits = new Map<string, number>();
      for (const v of (await findings.findingsIn(undefined)).built.visible) {
        if (v.allowlisted) hits.set(v.allowlisted.ruleId, (hits.get(v.allowlisted.ruleId) ?? 0) + 1);
      }
      return rt.allowlist.rules().map((r) => ({ ...r, hits: hits.get(r.id) ?? 0 }));
    },
    async addAllowRule(input) {
      return changing(() => rt.allowlist.add(input));
    },
    async updateAllowRule({ id, patch }) {
      return changing(() => rt.allowlist.update(id, patch));
    },
    async removeAllowRule({ id }) {
      return { removed: changing(() => rt.allowlist.remove(id)) };
    },
    async importAllowRules({ json, force }) {
      return changing(() => rt.allowlist.importJson(json, undefined, force === true));
    },
    async exportAllowRules() {
      return { json: rt.allowlist.exportJson() };
    },
    async getReview() {
      return review.view();
    },
    async decideReview(d) {
      return changing(() => review.decide(d));
    },
    async finishReview({ reopen }) {
      return changing(() => review.finish(reopen === true), false);
    },
  };
}

/**
 * Allow-list errors by kind: a rule that names nothing is `not-found`, a rule that cannot be
 * accepted is the caller's mistake (`invalid-argument`); anything else (a SQLite failure) is
 * `failed`, with the original error kept as the cause.
 */
export function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toApiError(err);
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof AllowRuleNotFoundError) return new ApiError('not-found', err.message, { cause: err });
  if (err instanceof AllowRuleError) return new ApiError('invalid-argument', err.message, { cause: err });
  return new ApiError('failed', err instanceof Error ? err.message : String(err), { cause: err });
}
