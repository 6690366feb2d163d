/**
 * Normalized forms of names and queries: the folded words of a string joined by single spaces.
 * Aliases are compiled from this form and search queries are compared in it, so both sides fold
 * alike. `normalizeWithMap` keeps, for every normalized character, the UTF-16 offset of the
 * original character it came from.
 */
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

export function normalize(input: string): string {
  return normalizeWithMap(input).text;
}

/** The folded words of a string. */
export function words(input: string): string[] {
  const n = normalize(input);
  return n ? n.split(' ') : [];
}
