/** A log that cannot be read on: not a Zeek log, corrupt gzip, unreadable file. */
export class ZeekLogError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
    this.name = 'ZeekLogError';
  }
}
