/**
 * Pack checksum: FNV-1a 64-bit over the UTF-16 code units of each row's JSON text exactly as it
 * is written in the pack file (from the row's first character to its last), each followed by a
 * newline, entities then events in file order. Packs written by Siyaq (the builder, the exporter)
 * write each row as JSON.stringify does. The importer stores the rows' text as it read it, so
 * the integrity check at start recomputes exactly the checksum the pack declares. Incremental and
 * fast; not a security signature: it detects damage and eviction, not tampering.
 */

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
// FNV prime 2^40 + 0x1b3: multiply (hi, lo) by it using 16-bit limbs.

export class Checksum {
  private hi = OFFSET_HI;
  private lo = OFFSET_LO;

  update(text: string): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < text.length; i++) {
      lo ^= text.charCodeAt(i);
      // (hi:lo) * 0x100000001b3 mod 2^64 = (hi:lo) * 0x1b3 + ((lo << 40) mod 2^64)
      const lo0 = lo & 0xffff;
      const lo1 = lo >>> 16;
      const a = lo0 * 0x1b3;
      const b = lo1 * 0x1b3 + (a >>> 16);
      const newLo = ((b & 0xffff) << 16) | (a & 0xffff);
      const carry = Math.floor(b / 0x10000);
      hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
      lo = newLo >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** One row, given as its JSON text exactly as written in the file. */
  rowText(json: string): this {
    return this.update(json).update('\n');
  }

  /** One row given as a value: its JSON.stringify text (how packs are written). */
  row(value: unknown): this {
    return this.rowText(JSON.stringify(value));
  }

  digest(): string {
    return 'fnv1a64:' + this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

export function packChecksum(entities: readonly unknown[], events: readonly unknown[]): string {
  const c = new Checksum();
  for (const e of entities) c.row(e);
  for (const e of events) c.row(e);
  return c.digest();
}
