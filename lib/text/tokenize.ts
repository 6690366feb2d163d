/**
 * Tokenizer for mixed Arabic and Latin text. One pass over the original string: folds each
 * character (fold.ts), groups word characters into tokens, records UTF-16 offsets into the
 * original, the kind of break before each token, and each token's two hashes.
 *
 * Struct-of-arrays layout: a 1 MiB page makes ~200k tokens and no per-token objects.
 */
import { DROP, FIRST_CHAR, PRESENTATION, PUNCT, SPACE, STOP, foldTable } from './fold';
import { hashRange } from './hash';

/** What separates a token from the one before it. */
export const BREAK_NONE = 0; // only spaces (or nothing: the first token)
export const BREAK_PUNCT = 2; // quotes, brackets, dashes: a cue may look across, a name may not
export const BREAK_STOP = 3; // clause or sentence end: nothing looks across

export interface Tokens {
  readonly count: number;
  /** Folded characters of all tokens, back to back. */
  readonly chars: Uint16Array;
  /** Original UTF-16 offset of each folded character (one past: end of its source char). */
  readonly charStart: Uint32Array;
  readonly charEnd: Uint32Array;
  /** Per token: range in `chars`. */
  readonly foldStart: Uint32Array;
  readonly foldEnd: Uint32Array;
  /** Per token: break before it (BREAK_*). */
  readonly breakBefore: Uint8Array;
  /** Per token: hashes of the whole folded token. */
  readonly h1: Uint32Array;
  readonly h2: Uint32Array;
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

const presentationCache = new Map<number, string>();
function expandPresentation(code: number): string {
  let s = presentationCache.get(code);
  if (s === undefined) {
    s = String.fromCharCode(code).normalize('NFKC');
    presentationCache.set(code, s);
  }
  return s;
}

export function tokenize(text: string): Tokens {
  const table = foldTable();
  const n = text.length;
  let chars = new Uint16Array(Math.max(16, n));
  let charStart = new Uint32Array(Math.max(16, n));
  let charEnd = new Uint32Array(Math.max(16, n));
  let cap = Math.max(16, (n >> 2) + 16);
  let foldStart = new Uint32Array(cap);
  let foldEnd = new Uint32Array(cap);
  let breakBefore = new Uint8Array(cap);
  let nc = 0;
  let count = 0;
  let inToken = false;
  let pendingBreak = BREAK_NONE;

  const push = (code: number, s: number, e: number) => {
    if (nc >= chars.length) {
      chars = grow(chars, nc + 1);
      charStart = grow(charStart, nc + 1);
      charEnd = grow(charEnd, nc + 1);
    }
    if (!inToken) {
      if (count >= cap) {
        cap *= 2;
        foldStart = grow(foldStart, cap);
        foldEnd = grow(foldEnd, cap);
        breakBefore = grow(breakBefore, cap);
      }
      foldStart[count] = nc;
      breakBefore[count] = pendingBreak;
      pendingBreak = BREAK_NONE;
      inToken = true;
    }
    chars[nc] = code;
    charStart[nc] = s;
    charEnd[nc] = e;
    nc++;
  };
  const close = () => {
    if (inToken) {
      foldEnd[count] = nc;
      count++;
      inToken = false;
    }
  };

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = table[c]!;
    if (f >= FIRST_CHAR) {
      // Surrogate pairs (emoji, rare scripts) are kept as two word units.
      push(f, i, i + 1);
    } else if (f === DROP) {
      // Inside a word a dropped mark extends the previous character's span.
      if (inToken) charEnd[nc - 1] = i + 1;
    } else if (f === PRESENTATION) {
      const exp = expandPresentation(c);
      for (let k = 0; k < exp.length; k++) {
        const g = table[exp.charCodeAt(k)]!;
        if (g >= FIRST_CHAR) push(g, i, i + 1);
        else if (g === SPACE) close();
      }
    } else {
      close();
      if (f === STOP) pendingBreak = BREAK_STOP;
      else if (f === PUNCT && pendingBreak < BREAK_PUNCT) pendingBreak = BREAK_PUNCT;
    }
  }
  close();

  const h1 = new Uint32Array(count);
  const h2 = new Uint32Array(count);
  const out = new Uint32Array(2);
  for (let t = 0; t < count; t++) {
    hashRange(chars, foldStart[t]!, foldEnd[t]!, 0, out);
    h1[t] = out[0]!;
    h2[t] = out[1]!;
  }
  return {
    count,
    chars,
    charStart,
    charEnd,
    foldStart: foldStart.subarray(0, count),
    foldEnd: foldEnd.subarray(0, count),
    breakBefore: breakBefore.subarray(0, count),
    h1,
    h2,
  };
}

/** The folded text of token t. */
export function tokenText(tokens: Tokens, t: number): string {
  return String.fromCharCode(...tokens.chars.subarray(tokens.foldStart[t], tokens.foldEnd[t]));
}

/** Original-text offsets [start, end) of token t, from folded char `skip` within it. */
export function tokenSpan(tokens: Tokens, t: number, skip = 0): [number, number] {
  return [tokens.charStart[tokens.foldStart[t]! + skip]!, tokens.charEnd[tokens.foldEnd[t]! - 1]!];
}
