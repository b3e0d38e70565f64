// One tailing host per store. Two processes following the same Zeek folder into one database
// would both read a file from the same stored position and both commit its events: every
// event twice. SQLite's transactions keep each commit whole but cannot see that overlap, so a
// host (watch, serve, the desktop app) holds `<db>.lock` while it runs and a second one refuses,
// naming the holder. A lock whose process is gone (SIGKILL, a power cut) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { StoreError } from './open.js';

export interface StoreLock {
  readonly file: string;
  release(): void;
}

interface Holder {
  pid: number;
  what: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, run by another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' ? { pid: h.pid, what: String(h.what ?? '?'), since: String(h.since ?? '?') } : null;
  } catch {
    return null; // being written, or garbage: judged again on the next try
  }
}

/** Takes the store's lock for `what` (e.g. "watch"); throws a StoreError naming the holder. */
export function lockStore(dbFile: string, what: string): StoreLock {
  const file = `${dbFile}.lock`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }));
      } finally {
        closeSync(fd);
      }
      const release = () => {
        if (readHolder(file)?.pid !== process.pid) return;
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
      // a normal exit (Ctrl-C, an error) gives the store back even without stop()
      process.once('exit', release);
      return {
        file,
        release() {
          process.removeListener('exit', release);
          release();
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      throw new StoreError(
        `store ${dbFile} is in use by another Beaconwatch (${holder.what}, pid ${holder.pid}, since ${holder.since}): ` +
          'two processes following logs into one store would count every event twice. ' +
          'Stop that one first, or give this one another store (--db FILE).',
      );
    }
    // an unreadable lock on a later look was left half-written by a killed process
    if (holder || attempt >= 2) {
      try {
        unlinkSync(file); // its process is gone: the lock is stale
      } catch {
        // another process took it over first: look again
      }
    }
  }
  throw new StoreError(`store ${dbFile}: could not take its lock file ${file}`);
}
