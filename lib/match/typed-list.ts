/** A growable typed array: push numbers, then take a view (or a copy) of what was pushed. */
export class TypedList<T extends Uint8Array | Uint32Array | Float32Array> {
  /** The backing array; valid up to `length` (it is replaced as the list grows). */
  buf: T;
  length = 0;

  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.buf = make(capacity);
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = this.make(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length++] = v;
  }

  /** What was pushed, sharing the backing array. */
  view(): T {
    return this.buf.subarray(0, this.length) as T;
  }

  /** What was pushed, in an array of its own size. */
  copy(): T {
    return this.buf.slice(0, this.length) as T;
  }

  /** What was pushed, in an array of its own size; the list lets go of its buffer. */
  take(): T {
    const out = this.copy();
    this.release();
    return out;
  }

  /** Empties the list and lets go of its buffer (for memory that is done with). */
  release(): void {
    this.buf = this.make(0);
    this.length = 0;
  }
}

export const u32List = (): TypedList<Uint32Array> => new TypedList((n) => new Uint32Array(n));
