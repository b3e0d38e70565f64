// The one error type of the allow-list: a rule (or an import) that cannot be accepted. The
// message is meant for the owner as is ("rules[3].dst: "*.com" is a public suffix …").
export class AllowRuleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AllowRuleError';
  }
}

/** The rule named does not exist (the API answers `not-found`). */
export class AllowRuleNotFoundError extends AllowRuleError {
  constructor(readonly id: string) {
    super(`no allow rule with id "${id}"`);
    this.name = 'AllowRuleNotFoundError';
  }
}

/** A problem with one field of one rule; `field` is a path like `dst` or `rules[3].dst`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function describeProblems(problems: readonly FieldProblem[], limit = 10): string {
  const shown = problems.slice(0, limit).map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  if (problems.length > limit) shown.push(`… and ${problems.length - limit} more`);
  return shown.join('; ');
}

/** `['rules', 3, 'dst']` → `rules[3].dst` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
