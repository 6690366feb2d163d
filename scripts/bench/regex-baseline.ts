/**
 * The baseline matcher: one regular expression over all keys, built the way page highlighters
 * usually do it (escaped keys joined by "|", longest first, word boundaries approximated with
 * lookarounds on Arabic letters), given the same advantages as the real matcher where it is
 * cheap: it runs over the folded text (harakat and tatweel dropped, letter variants folded, the
 * folding pass is timed as part of the baseline) and accepts the proclitics و ف ب ك ل before a
 * name (lazily, so the whole word is tried first). It cannot strip لل -> ال.
 */
import { DROP, FIRST_CHAR, PRESENTATION, SPACE, STOP, foldTable } from '../../lib/text/fold';

export interface Folded {
  text: string;
  /** Original UTF-16 offset of each folded char, and one past its end. */
  start: Uint32Array;
  end: Uint32Array;
}

/** Folds text char by char, keeping one separator per space/punctuation char, with an offset map. */
export function foldText(text: string): Folded {
  const table = foldTable();
  const n = text.length;
  const out = new Uint16Array(n * 2 + 16);
  const start = new Uint32Array(n * 2 + 16);
  const end = new Uint32Array(n * 2 + 16);
  let k = 0;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = table[c]!;
    if (f >= FIRST_CHAR) {
      out[k] = f;
      start[k] = i;
      end[k++] = i + 1;
      inWord = true;
    } else if (f === DROP) {
      if (inWord) end[k - 1] = i + 1;
    } else if (f === PRESENTATION) {
      for (const ch of String.fromCharCode(c).normalize('NFKC')) {
        const g = table[ch.charCodeAt(0)]!;
        out[k] = g >= FIRST_CHAR ? g : 0x20;
        start[k] = i;
        end[k++] = i + 1;
        inWord = g >= FIRST_CHAR;
      }
    } else {
      out[k] = f === SPACE ? 0x20 : f === STOP ? 0x2e : 0x22;
      start[k] = i;
      end[k++] = i + 1;
      inWord = false;
    }
  }
  let s = '';
  for (let i = 0; i < k; i += 8192) s += String.fromCharCode(...out.subarray(i, Math.min(k, i + 8192)));
  return { text: s, start: start.subarray(0, k), end: end.subarray(0, k) };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Arabic letters (U+0621-U+064A) plus other word characters of folded text. */
const WORD = '\\u0621-\\u064a0-9a-z';

export function buildPattern(keys: readonly string[]): string {
  const sorted = [...keys].sort((a, b) => b.length - a.length);
  return `(?<![${WORD}])(?:[\\u0648\\u0641]??[\\u0628\\u0643\\u0644]??)(${sorted.map(escape).join('|')})(?![${WORD}])`;
}

export interface RegexMatcher {
  re: RegExp;
  patternChars: number;
}

/** Builds the regex and forces V8 to compile it for two-byte (Arabic) subjects. */
export function buildRegex(keys: readonly string[]): RegexMatcher {
  const pattern = buildPattern(keys);
  const re = new RegExp(pattern, 'g');
  re.lastIndex = 0;
  re.exec('\u0645\u0646 ' + keys[0]);
  re.lastIndex = 0;
  return { re, patternChars: pattern.length };
}

/** Matches in folded text from `from` to `to`; returns [start, end) pairs in original offsets. */
export function regexMatches(m: RegexMatcher, f: Folded, from: number, to: number, out: number[]): void {
  const sub = f.text.slice(from, to);
  const re = m.re;
  re.lastIndex = 0;
  for (let x = re.exec(sub); x; x = re.exec(sub)) {
    const key = x[1]!;
    const s = x.index + x[0].length - key.length + from;
    const e = x.index + x[0].length - 1 + from;
    out.push(f.start[s]!, f.end[e]!);
  }
}
