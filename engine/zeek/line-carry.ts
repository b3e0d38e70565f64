// The unfinished last line of a chunk, kept until its newline comes: as the chunks it spans,
// joined once when it ends, so a line of many chunks costs linear time (joining at every chunk
// was quadratic). Chunks may live in a reused buffer: what is kept is copied.
import type { LogParser } from './log-parser.js';

/** a "line" longer than this is not a Zeek record: binary junk or a wrong file */
export const MAX_LINE_BYTES = 64 << 20;

export class LineCarry {
  private parts: Buffer[] = [];
  private len = 0;

  /** where the next byte handed to the parser sits in the file (uncompressed offset) */
  constructor(public base: number) {}

  /** Feed one chunk to the parser; false when the unfinished line grew past MAX_LINE_BYTES. */
  feed(chunk: Buffer, parser: LogParser): boolean {
    let buf: Buffer = chunk;
    if (this.len > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.parts.push(Buffer.from(chunk)); // a copy: the chunk's memory is reused
        this.len += chunk.length;
        return this.len <= MAX_LINE_BYTES;
      }
      this.parts.push(chunk.subarray(0, nl + 1));
      const joined = Buffer.concat(this.parts, this.len + nl + 1);
      this.parts = [];
      this.len = 0;
      const usedJoined = parser.feed(joined, this.base);
      this.base += usedJoined;
      buf = usedJoined === joined.length ? chunk.subarray(nl + 1) : Buffer.concat([joined.subarray(usedJoined), chunk.subarray(nl + 1)]);
    }
    const used = parser.feed(buf, this.base);
    if (used < buf.length) {
      this.parts = [Buffer.from(buf.subarray(used))]; // a copy: the chunk's memory is reused
      this.len = buf.length - used;
    }
    this.base += used;
    return this.len <= MAX_LINE_BYTES;
  }

  /** the unfinished last line at the end of the file, or null */
  rest(): Buffer | null {
    return this.len > 0 ? Buffer.concat(this.parts, this.len) : null;
  }
}
