// The conn fast path's pair table: (src, dst, local flags) -> the pair's strings and its slot in
// the current batch, keyed and compared by the address bytes (strings are made on a miss only).
// Open addressing over Int32Arrays, entries side by side (one cache line per entry).

/** entries before the table starts afresh (a cache: forgetting only costs misses) */
export const MAX_ENTRIES = 1 << 20;

// entry fields, side by side in one Int32Array (one cache line per entry)
export const E_HASH = 0;
export const E_KEY_AT = 1;
export const E_SRC_LEN = 2;
export const E_DST_LEN = 3;
export const E_FLAGS = 4;
/** EventBatch.serial of the batch E_SLOT belongs to */
export const E_STAMP = 5;
export const E_SLOT = 6;
/** which of the slot's port (1), proto (2), service (4) were still null when last looked at */
export const E_OPEN = 7;
export const STRIDE = 8;

/** (src, dst, flags) -> strings and the pair's slot in the current batch; keys compared by bytes */
export class PairTable {
  mask = 0;
  /** open addressing: [entry + 1, hash] per slot, 0 = empty */
  slots = new Int32Array(0);
  count = 0;
  meta = new Int32Array(0);
  src: string[] = [];
  dst: string[] = [];
  arena = new Uint8Array(0);
  arenaLen = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.slots = new Int32Array(2 << 14);
    this.mask = (1 << 14) - 1;
    this.count = 0;
    this.meta = new Int32Array(STRIDE << 12);
    this.src = [];
    this.dst = [];
    this.arena = new Uint8Array(1 << 16);
    this.arenaLen = 0;
  }

  /** entry index, or -(slot + 1) of the empty slot where it would go */
  find(buf: Buffer, sa: number, sb: number, da: number, db: number, fl: number, h: number): number {
    const slots = this.slots;
    const meta = this.meta;
    const arena = this.arena;
    const sl = sb - sa;
    const dl = db - da;
    let i = h & this.mask;
    for (;;) {
      const e = slots[i << 1]!;
      if (e === 0) return -(i + 1);
      if (slots[(i << 1) + 1] === h) {
        const m = (e - 1) * STRIDE;
        if (meta[m + E_FLAGS] === fl && meta[m + E_SRC_LEN] === sl && meta[m + E_DST_LEN] === dl) {
          let at = meta[m + E_KEY_AT]!;
          let same = true;
          for (let j = sa; j < sb; j++, at++) {
            if (arena[at] !== buf[j]) {
              same = false;
              break;
            }
          }
          if (same) {
            for (let j = da; j < db; j++, at++) {
              if (arena[at] !== buf[j]) {
                same = false;
                break;
              }
            }
            if (same) return e - 1;
          }
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  insert(slot: number, buf: Buffer, sa: number, sb: number, da: number, db: number, fl: number, h: number): number {
    const x = this.count++;
    if ((x + 1) * STRIDE > this.meta.length) {
      const meta = new Int32Array(this.meta.length * 2);
      meta.set(this.meta);
      this.meta = meta;
    }
    const need = this.arenaLen + (sb - sa) + (db - da);
    if (need > this.arena.length) {
      const a = new Uint8Array(Math.max(need, this.arena.length * 2));
      a.set(this.arena.subarray(0, this.arenaLen));
      this.arena = a;
    }
    const m = x * STRIDE;
    const meta = this.meta;
    meta[m + E_HASH] = h;
    meta[m + E_KEY_AT] = this.arenaLen;
    meta[m + E_SRC_LEN] = sb - sa;
    meta[m + E_DST_LEN] = db - da;
    meta[m + E_FLAGS] = fl;
    meta[m + E_STAMP] = 0;
    meta[m + E_SLOT] = 0;
    meta[m + E_OPEN] = 0;
    this.arena.set(buf.subarray(sa, sb), this.arenaLen);
    this.arena.set(buf.subarray(da, db), this.arenaLen + (sb - sa));
    this.arenaLen = need;
    this.src[x] = buf.toString('latin1', sa, sb); // ASCII: the same string the row path would cut
    this.dst[x] = buf.toString('latin1', da, db);
    this.slots[slot << 1] = x + 1;
    this.slots[(slot << 1) + 1] = h;
    if (this.count * 2 > this.mask + 1) this.rehash();
    return x;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 2);
    const mask = size - 1;
    for (let x = 0; x < this.count; x++) {
      const h = this.meta[x * STRIDE + E_HASH]!;
      let i = h & mask;
      while (slots[i << 1] !== 0) i = (i + 1) & mask;
      slots[i << 1] = x + 1;
      slots[(i << 1) + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
