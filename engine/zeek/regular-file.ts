// Opens only regular files. A FIFO named like a log (`dns.2026-11-27-10-00-00.log`) would block
// a plain open(2) until a writer appears, freezing the thread and the HTTP API with it; a
// character device could be read forever. Opening with O_NONBLOCK returns at once for every
// kind of file (it changes nothing for regular files on Linux or macOS), and fstat on the open
// descriptor says what was really opened, whatever link led there.
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { ZeekLogError } from './errors.js';

/** the one-line reason given for FIFOs, sockets and devices */
export const NOT_REGULAR = 'skipped: not a regular file';

// O_NONBLOCK is undefined on Windows, where opening a named pipe by path does not block this way
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export class NotRegularFileError extends ZeekLogError {
  constructor(file: string) {
    super(file, NOT_REGULAR);
    this.name = 'NotRegularFileError';
  }
}

/** An open descriptor of a regular file and its stat; throws ZeekLogError (open failures, not regular). */
export function openRegularFile(file: string): { fd: number; stat: Stats } {
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ZeekLogError(file, `cannot open (${code})`, { cause: err });
  }
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch (err) {
    closeSync(fd);
    throw new ZeekLogError(file, `cannot stat (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
  if (!stat.isFile()) {
    closeSync(fd);
    throw new NotRegularFileError(file);
  }
  return { fd, stat };
}

/** The whole text of a regular file (allow-list imports); the same refusals as openRegularFile. */
export function readRegularFileText(file: string): string {
  const { fd } = openRegularFile(file);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
