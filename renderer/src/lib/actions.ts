// Allow-listing and dismissing findings, one or many, each with an Undo (see toasts.svelte.ts).
import type { AllowRule, FindingView } from '../../../engine/api.js';
import { api } from './api-client.js';
import { app } from './app-state.svelte.js';
import { toasts } from './toasts.svelte.js';
import { router } from './router.svelte.js';
import { apiWindow } from './time-window.js';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const label = (fs: readonly FindingView[]) => (fs.length === 1 ? `${fs[0]!.src} → ${fs[0]!.dst}` : plural(fs.length, 'finding'));

async function each<T>(items: readonly T[], fn: (t: T) => Promise<unknown>): Promise<void> {
  for (const t of items) await fn(t);
}

/**
 * Allow-lists each finding on its device (the "this device → this finding" scope the finding page
 * offers first), so the whole behaviour is covered and nothing wider. Undo removes the rules.
 */
export async function allowFindings(findings: readonly FindingView[], note = ''): Promise<void> {
  const added: AllowRule[] = [];
  try {
    await each(findings, async (f) => {
      const detail = await api.getPair({ pairId: f.findingId, window: apiWindow(router.window) });
      const scope = detail.allowScopes.find((s) => s.scope === 'pair') ?? detail.allowScopes[0];
      if (!scope) return;
      added.push(await api.addAllowRule({ ...scope.rule, ...(note ? { note } : {}) }));
    });
    const skipped = findings.length - added.length;
    const text =
      skipped === 0
        ? `Allow-listed ${label(findings)}.`
        : `Allow-listed ${added.length} of ${findings.length} (${plural(skipped, 'finding')} offer no allow-list scope).`;
    toasts.show(text, () => each(added, (r) => api.removeAllowRule({ id: r.id })));
  } catch (e) {
    toasts.show(`Allow-listing stopped after ${added.length}: ${msg(e)}`, () => each(added, (r) => api.removeAllowRule({ id: r.id })), true);
  } finally {
    app.changed();
  }
}

/** Dismisses (or shows again) each finding; Undo flips them back. */
export async function dismissFindings(findings: readonly FindingView[], dismissed = true): Promise<void> {
  const done: FindingView[] = [];
  // the findings of the window shown (a window other than the live one groups its own pairs)
  const window = apiWindow(router.window);
  const revert = () => each(done, (f) => api.dismissPair({ pairId: f.findingId, dismissed: !dismissed, window }));
  try {
    await each(findings, async (f) => {
      await api.dismissPair({ pairId: f.findingId, dismissed, window });
      done.push(f);
    });
    toasts.show(`${dismissed ? 'Dismissed' : 'Shown again:'} ${label(findings)}.`, revert);
  } catch (e) {
    toasts.show(`Stopped after ${done.length}: ${msg(e)}`, revert, true);
  } finally {
    app.changed();
  }
}

/** Deletes an own rule; Undo adds it back with the same fields (a new id). */
export async function deleteRule(r: AllowRule): Promise<void> {
  await api.removeAllowRule({ id: r.id });
  toasts.show(`Rule deleted: ${r.dst ?? r.src ?? 'rule'}.`, () =>
    api.addAllowRule({
      dst: r.dst,
      src: r.src,
      source: r.source,
      proto: r.proto,
      port: r.port,
      service: r.service,
      note: r.note,
      category: r.category,
      expiresAt: r.expiresAt,
      enabled: r.enabled,
    }),
  );
  app.changed();
}

function msg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
