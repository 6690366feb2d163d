/**
 * Synthetic, reproducible benchmark data: Arabic-looking name tokens and aliases (1-4 tokens,
 * with shared prefixes), and news-like text made of the seed article's sentences with planted
 * aliases (some with proclitics, harakat and tatweel).
 */
import type { GazetteerAlias, GazetteerEntity } from '../../lib/match/gazetteer';
import { ENTITY_TYPES, SENSE_LABEL, SENSE_STANDALONE } from '../../lib/match/types';
import { words as foldedWords } from '../../lib/text/normalize';
import { seedLines } from '../demo/pages';

/** Small fast seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Folded Arabic letters with rough frequencies in news text (already in folded form: no أ إ آ ة ى).
const LETTERS: [string, number][] = [
  ['ا', 12],
  ['ل', 10],
  ['ي', 8],
  ['م', 7],
  ['و', 6],
  ['ن', 6],
  ['ر', 5.5],
  ['ت', 5],
  ['ب', 4.5],
  ['ه', 4],
  ['ع', 4],
  ['د', 3.5],
  ['س', 3.5],
  ['ف', 3],
  ['ك', 3],
  ['ق', 3],
  ['ح', 2.5],
  ['ج', 2],
  ['ش', 1.5],
  ['ص', 1.2],
  ['ط', 1.2],
  ['ز', 1],
  ['خ', 1],
  ['ث', 0.8],
  ['ذ', 0.7],
  ['ض', 0.7],
  ['غ', 0.6],
  ['ظ', 0.3],
  ['ء', 0.3],
];
const TOTAL = LETTERS.reduce((a, [, w]) => a + w, 0);

function letter(r: () => number): string {
  let x = r() * TOTAL;
  for (const [c, w] of LETTERS) if ((x -= w) < 0) return c;
  return 'ا';
}

/** Surface spelling of a folded token: some hamza alefs, ta marbuta, alef maqsura (fold back to the key). */
function surface(token: string, r: () => number): string {
  let s = token;
  if (s.startsWith('ال')) {
    if (s[2] === 'ا' && r() < 0.4) s = 'ال' + (r() < 0.6 ? 'أ' : 'إ') + s.slice(3);
  } else if (s.startsWith('ا') && r() < 0.4) s = (r() < 0.6 ? 'أ' : 'إ') + s.slice(1);
  if (s.endsWith('ه') && r() < 0.7) s = s.slice(0, -1) + 'ة';
  else if (s.endsWith('ي') && r() < 0.3) s = s.slice(0, -1) + 'ى';
  return s;
}

export interface SynthGazetteer {
  /** Normalized keys (what the pack's slot index stores). */
  keys: string[];
  /** A written form of each key (hamza alefs, ta marbuta ...), for planting into text. */
  surfaces: string[];
  entities: GazetteerEntity[];
  aliases: GazetteerAlias[];
}

/**
 * `n` distinct aliases of 1-4 tokens over n/2 entities. Tokens share character prefixes (stems),
 * and multi-token aliases often start with a common first word (عبد، أبو-like), so the index
 * has real prefix chains.
 */
export function synthGazetteer(n: number, seed = 1): SynthGazetteer {
  const r = rng(seed);
  const stems: string[] = [];
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const len = 2 + (r() < 0.5 ? 1 : 0);
    for (let k = 0; k < len; k++) s += letter(r);
    stems.push(s);
  }
  const rawToken = (): string => {
    let t = stems[Math.floor(r() * stems.length)]!;
    const tail = 1 + Math.floor(r() * 4);
    for (let k = 0; k < tail; k++) t += letter(r);
    if (r() < 0.12) t += 'ه';
    if (r() < 0.35) t = 'ال' + t;
    return t;
  };
  // Words of the seed article (and their forms without proclitics) are not names here, so what
  // the matchers find in the text is what was planted; real gazetteers handle such collisions
  // with flags and cues, which is the resolver's job, not the scanner's.
  const vocab = new Set<string>();
  for (const w of foldedWords(seedLines().join(' '))) {
    vocab.add(w);
    for (let k = 1; k <= 3 && w.length - k >= 2; k++) {
      vocab.add(w.slice(k));
      vocab.add('ا' + w.slice(k));
    }
  }
  const token = (): string => {
    for (;;) {
      const t = rawToken();
      if (!vocab.has(t)) return t;
    }
  };
  const firstWords: string[] = [];
  for (let i = 0; i < 5000; i++) firstWords.push(token());
  const seen = new Set<string>();
  const keys: string[] = [];
  const surfaces: string[] = [];
  while (keys.length < n) {
    const x = r();
    const len = x < 0.3 ? 1 : x < 0.7 ? 2 : x < 0.9 ? 3 : 4;
    const words: string[] = [];
    for (let k = 0; k < len; k++) words.push(k === 0 && len > 1 && r() < 0.5 ? firstWords[Math.floor(r() * firstWords.length)]! : token());
    const key = words.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push(key);
    surfaces.push(words.map((w) => surface(w, r)).join(' '));
  }
  const entityCount = Math.ceil(n / 2);
  const entities: GazetteerEntity[] = [];
  for (let i = 0; i < entityCount; i++)
    entities.push({ id: `Q${1_000_000 + i}`, type: ENTITY_TYPES[i % 3]!, salience: Math.round(r() * 100) / 100, cues: [], related: [] });
  const aliases: GazetteerAlias[] = keys.map((key, i) => ({ key, entity: i >> 1, flags: SENSE_STANDALONE | (i % 2 === 0 ? SENSE_LABEL : 0) }));
  return { keys, surfaces, entities, aliases };
}

const HARAKAT = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b'];
const TATWEEL = '\u0640';

/** Adds harakat after some letters and/or a tatweel inside a word. */
function decorate(word: string, r: () => number, marks: boolean, tatweel: boolean): string {
  let out = '';
  const chars = [...word];
  chars.forEach((c, i) => {
    out += c;
    if (marks && r() < 0.35) out += HARAKAT[Math.floor(r() * HARAKAT.length)]!;
    if (tatweel && i === 1 && chars.length > 3) out += TATWEEL;
  });
  return out;
}

/** A proclitic form of an alias's first word: و ب ل, وال (و + an ال name), لل (ل + ال). */
function withClitic(first: string, r: () => number): string {
  const x = r();
  if (first.startsWith('ال')) {
    if (x < 0.4) return 'و' + first; // والـ
    if (x < 0.7) return 'ب' + first;
    return 'لل' + first.slice(2);
  }
  return (x < 0.4 ? 'و' : x < 0.7 ? 'ب' : 'ل') + first;
}

export interface SynthText {
  text: string;
  utf8Bytes: number;
  words: number;
  planted: number;
  plantedClitic: number;
  plantedMarked: number;
}

/**
 * About `bytes` of UTF-8 text from the seed article's sentences (shuffled, repeated), with an
 * alias planted after ~3% of the words: 25% with a proclitic, 20% with harakat, 10% with tatweel.
 */
export function synthText(g: SynthGazetteer, bytes: number, seed = 2, rate = 0.03): SynthText {
  const r = rng(seed);
  const lines = seedLines().filter((l) => l.split(' ').length > 4);
  const parts: string[] = [];
  let size = 0;
  let words = 0;
  let planted = 0;
  let plantedClitic = 0;
  let plantedMarked = 0;
  while (size < bytes) {
    const line = lines[Math.floor(r() * lines.length)]!;
    const out: string[] = [];
    for (const w of line.split(' ')) {
      out.push(w);
      words++;
      if (r() < rate) {
        const a = Math.floor(r() * g.surfaces.length);
        const ws = g.surfaces[a]!.split(' ');
        if (r() < 0.25) {
          ws[0] = withClitic(ws[0]!, r);
          plantedClitic++;
        }
        const marks = r() < 0.2;
        const tatweel = r() < 0.1;
        if (marks || tatweel) plantedMarked++;
        out.push(...ws.map((x) => decorate(x, r, marks, tatweel)));
        planted++;
        words += ws.length;
      }
    }
    const p = out.join(' ');
    parts.push(p);
    size += Buffer.byteLength(p) + 1;
  }
  const text = parts.join('\n');
  return { text, utf8Bytes: Buffer.byteLength(text), words, planted, plantedClitic, plantedMarked };
}
