// A refused setting's field errors as they reach the page: in the HTTP answer's `error.fields`,
// or (desktop) after the message as "\n[fields] [json]", because contextBridge keeps only an
// Error's message (electron/preload.cts writes the trailer). Pure, tested in plain Node.
import type { FieldError } from '../../../engine/api.js';

export function isFieldErrors(v: unknown): v is FieldError[] {
  return Array.isArray(v) && v.every((f) => typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string');
}

/** The message without the trailer, and the field errors it carried (none when absent or malformed). */
export function splitFieldsTrailer(message: string): { message: string; fields: FieldError[] } {
  const m = /\n\[fields\] (\[[\s\S]*\])$/.exec(message);
  if (!m?.[1]) return { message, fields: [] };
  try {
    const fields: unknown = JSON.parse(m[1]);
    return isFieldErrors(fields) ? { message: message.slice(0, m.index), fields } : { message, fields: [] };
  } catch {
    return { message, fields: [] };
  }
}
