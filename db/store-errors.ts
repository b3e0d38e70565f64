// SQLite failures explained: which database file, what is wrong, and what to do. "database disk
// image is malformed" or "unable to open database file" alone names neither the file nor a fix.

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function codeOf(err: unknown): string {
  const c = (err as CodedError | null)?.code;
  return typeof c === 'string' ? c : '';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type StoreTrouble = 'corrupt' | 'read-only' | 'full' | null;

/** What kind of trouble an error from SQLite (or the file system under it) is. */
export function storeTrouble(err: unknown): StoreTrouble {
  const code = codeOf(err);
  const msg = messageOf(err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || /malformed|file is not a database|file is encrypted/i.test(msg))
    return 'corrupt';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full/i.test(msg)) return 'full';
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    /readonly database|unable to open database file|read-only file system/i.test(msg)
  ) {
    return 'read-only';
  }
  return null;
}

/** A message naming the database file and the fix, or null when the error is none of these. */
export function explainStoreError(err: unknown, file: string): string | null {
  const why = messageOf(err);
  switch (storeTrouble(err)) {
    case 'corrupt':
      return `the database ${file} is damaged (${why}). Move it aside (mv "${file}" "${file}.broken") and start again: Beaconwatch makes a new one and reads the logs again.`;
    case 'read-only':
      return `cannot write the database ${file} (${why}): the file, its folder or the file system is read-only or belongs to another user. Fix the permissions, or choose another file with --db.`;
    case 'full':
      return `the disk holding the database ${file} is full (${why}). Free some space there, or choose a database on another disk with --db.`;
    default:
      return null;
  }
}
