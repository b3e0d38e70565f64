// Where the shared Zeek samples live, and a skip reason when they are absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLES = join(REPO_ROOT, '..', 'shared', 'zeek-samples');

export function sample(...parts: string[]): string {
  return join(SAMPLES, ...parts);
}

/** `false` when the samples are there, else a message for `test(..., { skip })`. */
export const samplesMissing: string | false = existsSync(SAMPLES) ? false : `Zeek samples not found at ${SAMPLES}`;
