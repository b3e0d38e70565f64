// One line of a JSON-format Zeek log as a row in the header's field order: a flat key
// ("id.orig_h") first, else the nested path Zeek's JSON writer may use ({"id": {"orig_h": …}}).
import type { Row } from './row-values.js';
import { jsonValue, nested } from './row-values.js';

/** null when the line is no JSON object (counted as invalid JSON by the parser) */
export function jsonRecordRow(text: string, fields: readonly string[], nestedPaths: readonly (string[] | null)[]): Row | null {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return null;
  const rec = obj as Record<string, unknown>;
  const n = fields.length;
  const row: Row = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    let v = rec[fields[i]!];
    const path = nestedPaths[i];
    if (v === undefined && path) v = nested(rec, path);
    row[i] = jsonValue(v);
  }
  return row;
}
