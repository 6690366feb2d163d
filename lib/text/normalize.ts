/**
 * Normalized forms of names and queries: the folded words of a string joined by single spaces.
 * Aliases are compiled from this form and search queries are compared in it, so both sides fold
 * alike. `normalizeWithMap` keeps, for every normalized character, the UTF-16 offset of the
 * original character it came from.
 */
import { DROP, FIRST_CHAR, PRESENTATION, foldTable } from './fold';
import { tokenize } from './tokenize';

export interface Normalized {
  text: string;
  /** map[i] = offset in the original of normalized char i; map[text.length] = original length. */
  map: Uint32Array;
}

export function normalizeWithMap(input: string): Normalized {
  const t = tokenize(input);
  const parts: number[] = [];
  const map: number[] = [];
  for (let k = 0; k < t.count; k++) {
    if (k > 0) {
      parts.push(0x20);
      map.push(t.charEnd[t.foldEnd[k - 1]! - 1]!);
    }
    for (let i = t.foldStart[k]!; i < t.foldEnd[k]!; i++) {
      parts.push(t.chars[i]!);
      map.push(t.charStart[i]!);
    }
  }
  map.push(input.length);
  let text = '';
  for (let i = 0; i < parts.length; i += 8192) text += String.fromCharCode(...parts.slice(i, i + 8192));
  return { text, map: Uint32Array.from(map) };
}

const presentation = new Map<number, string>();

/**
 * The folded words of a string joined by single spaces. The same result as
 * `normalizeWithMap(input).text`, in one pass without offset bookkeeping: importing a pack
 * normalizes every alias of every entity.
 */
export function normalize(input: string): string {
  const table = foldTable();
  // Char codes first, one string at the end: `out += char` would leave a chain of cons strings
  // per key (tens of bytes per character) in every slot index that keeps it.
  const out = scratch.length >= input.length * 2 + 8 ? scratch : (scratch = new Uint16Array(input.length * 2 + 64));
  let n = 0;
  let pendingSpace = false;
  let word = false;
  const emit = (f: number) => {
    if (pendingSpace && word) out[n++] = 0x20;
    pendingSpace = false;
    word = true;
    out[n++] = f;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const f = table[c]!;
    if (f >= FIRST_CHAR) emit(f);
    else if (f === DROP) continue;
    else if (f === PRESENTATION) {
      let exp = presentation.get(c);
      if (exp === undefined) presentation.set(c, (exp = String.fromCharCode(c).normalize('NFKC')));
      if (n + exp.length * 2 + 2 > out.length) return normalizeSlow(input);
      for (let k = 0; k < exp.length; k++) {
        const g = table[exp.charCodeAt(k)]!;
        if (g >= FIRST_CHAR) emit(g);
        else if (g !== DROP) pendingSpace = true;
      }
    } else pendingSpace = true;
  }
  return decode(out, n);
}

let scratch = new Uint16Array(256);

function decode(codes: Uint16Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return s;
}

/** Presentation forms can expand one character into several: rare, done with the mapped version. */
function normalizeSlow(input: string): string {
  return normalizeWithMap(input).text;
}

/** The folded words of a string. */
export function words(input: string): string[] {
  const n = normalize(input);
  return n ? n.split(' ') : [];
}
