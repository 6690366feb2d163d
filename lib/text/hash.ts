/**
 * Two independent 32-bit hashes per token and per token sequence. The gazetteer stores both, so
 * a false hit needs a 64-bit collision (about 1 in 10^13 per lookup at 500k aliases), and no
 * key strings are kept in the index.
 */

export const H1_SEED = 0x811c9dc5;
export const H2_SEED = 0x9747b28c;

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of chars[from..to) of a folded buffer, optionally preceded by one extra char. */
export function hashRange(chars: Uint16Array, from: number, to: number, lead: number, out: Uint32Array): void {
  let a = H1_SEED;
  let b = H2_SEED;
  if (lead) {
    a = Math.imul(a ^ lead, 0x01000193);
    b = Math.imul(b ^ lead, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (let i = from; i < to; i++) {
    const c = chars[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = fmix32(a);
  out[1] = fmix32(b ^ 0x27d4eb2f);
}

/** Sequence hash of one token. */
export function seqStart1(t1: number): number {
  return fmix32(t1 ^ 0x5f356495);
}
export function seqStart2(t2: number): number {
  return fmix32(t2 ^ 0x2545f491);
}
/** Sequence hash extended by one more token. */
export function seqNext1(s1: number, t1: number): number {
  return fmix32((Math.imul(s1 ^ 0x7f4a7c15, 0x9e3779b1) + t1) | 0);
}
export function seqNext2(s2: number, t2: number): number {
  return fmix32((Math.imul(s2 ^ 0x165667b1, 0xc2b2ae3d) + t2) | 0);
}
