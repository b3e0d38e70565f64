// The TSV header block: `#separator \x09`, `#set_separator`, `#empty_field`, `#unset_field`,
// `#path`, `#open`, `#fields`, `#types` (and `#close`, which changes nothing). A value follows
// the keyword after the separator, except on the #separator line itself, where it follows a
// space and is written escaped (`\x09`; some tools write a literal `\t`).

import { decodeZeekEscapes } from './escapes.js';

export interface LogHeader {
  format: 'tsv' | 'json';
  /** #path, e.g. "conn"; null when absent (JSON logs have none) */
  path: string | null;
  /** TSV: the #fields columns. JSON: [] (keys vary from line to line) */
  fields: string[];
  types: string[];
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  /** #open, e.g. "2026-11-27-10-00-00" */
  open: string | null;
}

export function defaultHeader(format: 'tsv' | 'json'): LogHeader {
  return {
    format,
    path: null,
    fields: [],
    types: [],
    separator: '\t',
    setSeparator: ',',
    emptyField: '(empty)',
    unsetField: '-',
    open: null,
  };
}

type TextKey = 'setSeparator' | 'emptyField' | 'unsetField' | 'path' | 'open';

/** Same object when nothing changes, so a repeated header block does not split batches. */
function changed(header: LogHeader, key: TextKey, value: string): LogHeader {
  return header[key] === value ? header : { ...header, [key]: value };
}

function decodeSeparator(raw: string): string {
  if (raw === '\\t') return '\t';
  return decodeZeekEscapes(raw);
}

/**
 * Applies one `#` line (without its trailing newline) to the header.
 * Returns the new header, or the same object when the line changes nothing
 * (`#close`, `### BTest …` comments, unknown keywords).
 */
export function applyHeaderLine(header: LogHeader, line: string): LogHeader {
  if (line.startsWith('#separator')) {
    const raw = line.slice('#separator'.length).replace(/^[ \t]/, '');
    const separator = decodeSeparator(raw);
    if (separator.length === 0 || separator === header.separator) return header;
    return { ...header, separator };
  }
  const sep = header.separator;
  const cut = line.indexOf(sep);
  if (cut < 0) return header;
  const key = line.slice(1, cut);
  let value = line.slice(cut + sep.length);
  // `#close` and others sometimes carry a trailing separator
  if (value.endsWith(sep)) value = value.slice(0, -sep.length);
  switch (key) {
    case 'set_separator':
      return changed(header, 'setSeparator', decodeZeekEscapes(value));
    case 'empty_field':
      return changed(header, 'emptyField', value);
    case 'unset_field':
      return changed(header, 'unsetField', value);
    case 'path':
      return changed(header, 'path', value);
    case 'open':
      return changed(header, 'open', value);
    case 'fields':
      if (header.format === 'tsv' && header.fields.join(sep) === value) return header;
      return { ...header, format: 'tsv', fields: value.split(sep) };
    case 'types':
      if (header.types.join(sep) === value) return header;
      return { ...header, types: value.split(sep) };
    default:
      return header;
  }
}
