// The allow-list the owner edits: AllowlistView (matching, in allowlist-view.ts) plus adding,
// changing, removing, importing and exporting rules, every input validated with the zod contract.
import { randomBytes } from 'node:crypto';
import { allowRuleInputSchema } from '../contract/api.js';
import type { AllowRule, AllowRuleInput } from '../contract/api.js';
import type { BuiltinOverride, StoredAllowRule } from '../../db/allowlist-store.js';
import { AllowlistView } from './allowlist-view.js';
import { AllowRuleError, AllowRuleNotFoundError, describeProblems, formatPath, type FieldProblem } from './errors.js';
import { normalizeMatchFields, USER_CATEGORY } from './rules.js';
import { buildExport, parseImport } from './transfer.js';
import { broadRuleProblem, refusalMessage } from './broad-rules.js';

const nowS = (): number => Date.now() / 1000;

export class Allowlist extends AllowlistView {
  /** warnings of the last add/update/import (a match-everything rule accepted with force) */
  lastWarnings: string[] = [];

  add(input: AllowRuleInput, now: number = nowS()): AllowRule {
    const data = parseInput(input);
    this.lastWarnings = [];
    const rule = this.buildOwn(data, newId(), now, now, '', '', data.force === true);
    if (rule.expiresAt !== null && rule.expiresAt <= now) throw new AllowRuleError('expiresAt: the expiry is in the past');
    this.store.putRule(rule);
    this.reload();
    return this.get(rule.id);
  }

  /**
   * Change a rule. Own rules: fields present in `patch` replace the current ones (null clears).
   * Built-in entries: only `enabled` and `note` can change; other fields must be left out or
   * equal to the entry's (a UI may send the whole rule back).
   */
  update(id: string, patch: AllowRuleInput, now: number = nowS()): AllowRule {
    const data = parseInput(patch);
    this.lastWarnings = [];
    const entry = this.entries.get(id);
    if (entry) {
      const current = this.get(id);
      const locked = (['dst', 'src', 'source', 'proto', 'port', 'service', 'category', 'expiresAt'] as const).filter(
        (k) => data[k] !== undefined && data[k] !== current[k],
      );
      if (locked.length) {
        throw new AllowRuleError(
          `built-in rule "${id}" can only be enabled, disabled or given a note (not ${locked.join(', ')}); add your own rule instead`,
        );
      }
      const given = data.note?.trim();
      const note = given === undefined ? this.overrideNote(id) : given && given !== entry.reason ? given : null;
      this.store.putOverride({ id, enabled: data.enabled ?? current.enabled, note, updatedAt: now });
      this.reload();
      return this.get(id);
    }
    const stored = this.store.getRule(id);
    if (!stored) throw new AllowRuleNotFoundError(id);
    const merged: AllowRuleInput = { ...stored };
    for (const [k, v] of Object.entries(data)) if (v !== undefined && k !== 'force') (merged as Record<string, unknown>)[k] = v;
    const rule = this.buildOwn(merged, id, stored.createdAt, now, stored.note, '', data.force === true);
    this.store.putRule(rule);
    this.reload();
    return this.get(id);
  }

  remove(id: string): boolean {
    if (this.entries.has(id)) {
      throw new AllowRuleError(`built-in rule "${id}" cannot be removed; disable it instead`);
    }
    const removed = this.store.deleteRule(id);
    if (removed) this.reload();
    return removed;
  }

  exportJson(now: number = nowS()): string {
    const overrides = this.store.listOverrides().filter((o) => this.entries.has(o.id));
    return buildExport(
      this.own.rules.map((c) => c.rule),
      overrides,
      now,
    );
  }

  /** Import a document (see docs/allowlist.md): all of it in one transaction, or nothing. */
  importJson(json: string, now: number = nowS(), force = false): { added: number; replaced: number } {
    const items = parseImport(json, new Set(this.entries.keys()));
    this.lastWarnings = [];
    const result = { added: 0, replaced: 0 };
    this.store.transaction(() => {
      for (const item of items) {
        let outcome: 'added' | 'replaced';
        if (item.kind === 'override') {
          const current = this.store.listOverrides().find((o) => o.id === item.id);
          const override: BuiltinOverride = {
            id: item.id,
            enabled: item.enabled ?? current?.enabled ?? true,
            note: item.note === undefined ? (current?.note ?? null) : item.note.trim() || null,
            updatedAt: now,
          };
          outcome = this.store.putOverride(override);
        } else {
          const existing = item.id === undefined ? undefined : this.store.getRule(item.id);
          const rule = this.buildOwn(item.input, item.id ?? newId(), existing?.createdAt ?? now, now, '', `rules[${item.index}]`, force);
          outcome = this.store.putRule(rule);
        }
        result[outcome]++;
      }
    });
    this.reload();
    return result;
  }

  private get(id: string): AllowRule {
    const c = this.own.rules.find((x) => x.rule.id === id) ?? this.builtin.rules.find((x) => x.rule.id === id);
    if (!c) throw new AllowRuleNotFoundError(id);
    return { ...c.rule };
  }

  private overrideNote(id: string): string | null {
    return this.store.listOverrides().find((o) => o.id === id)?.note ?? null;
  }

  /** Validate and normalise an own rule; throws AllowRuleError naming the fields (under `at`). */
  private buildOwn(input: AllowRuleInput, id: string, createdAt: number, now: number, note: string, at = '', force = false): StoredAllowRule {
    const { fields, problems } = normalizeMatchFields(input, true);
    if (problems.length) {
      const named = problems.map((p): FieldProblem => ({ field: at ? `${at}.${p.field}` : p.field, message: p.message }));
      throw new AllowRuleError(`${at ? 'import refused, nothing was stored: ' : ''}${describeProblems(named)}`);
    }
    if (input.enabled !== false) {
      const others = this.store.listRules().filter((r) => r.id !== id);
      const broad = broadRuleProblem(fields, others);
      if (broad && !force) {
        throw new AllowRuleError(`${at ? `import refused, nothing was stored: ${at}: ` : ''}${refusalMessage(broad)}`);
      }
      if (broad) this.lastWarnings.push(`${at ? `${at}: ` : ''}accepted because forced: ${broad}`);
    }
    return {
      id,
      ...fields,
      note: (input.note ?? note).trim(),
      category: input.category ?? USER_CATEGORY,
      expiresAt: input.expiresAt ?? null,
      enabled: input.enabled ?? true,
      createdAt,
      updatedAt: now,
    };
  }
}

function parseInput(input: AllowRuleInput): AllowRuleInput {
  const r = allowRuleInputSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i): FieldProblem => ({ field: formatPath(i.path), message: i.message }));
    throw new AllowRuleError(describeProblems(problems));
  }
  return r.data;
}

function newId(): string {
  return `r-${randomBytes(5).toString('hex')}`;
}
