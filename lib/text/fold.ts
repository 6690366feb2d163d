/**
 * Character folding for matching Arabic (and Latin) text.
 *
 * Every UTF-16 code unit maps to one of:
 *   DROP (0)   - ignorable inside a word: harakat, shadda, sukun, superscript alef, Quranic
 *                marks, tatweel, invisible marks (ZWNJ, ZWJ, LRM, RLM, ALM, BOM, soft hyphen);
 *   SPACE (1)  - whitespace between words;
 *   PUNCT (2)  - punctuation that may sit inside a phrase (quotes, brackets, hyphen, slash);
 *   STOP (3)   - punctuation that ends a clause or sentence (. ، ؛ : ! ? ؟ …), and newlines;
 *   a letter or digit code, folded: أ إ آ ٱ -> ا, ى ی -> ي, ة ۀ ہ -> ه, ؤ -> و, ئ -> ي,
 *   ک -> ك, پ -> ب, چ -> ج, ژ -> ز, گ -> ك, Arabic-Indic digits -> 0-9, Latin to lower case.
 *
 * Folding is applied identically to aliases and to page text, so it is equivalent to
 * generating every spelling variant as a lookup candidate, at the cost of one table read per
 * character. The original text is never modified: tokens keep UTF-16 offsets into it, and the
 * resolver reads the original letters where folding would lose evidence (عُمان vs عَمّان,
 * final ى vs ي). Presentation forms (U+FB50-FDFF, U+FE70-FEFF) are folded through NFKC by
 * `foldString`; see normalize.ts.
 */

export const DROP = 0;
export const SPACE = 1;
export const PUNCT = 2;
export const STOP = 3;
/** Smallest code that is a real (folded) character rather than a class marker. */
export const FIRST_CHAR = 0x20;

let table: Uint16Array | undefined;

function build(): Uint16Array {
  const t = new Uint16Array(0x10000).fill(PUNCT);
  const set = (from: number, to: number, v: number) => {
    for (let c = from; c <= to; c++) t[c] = v;
  };
  const same = (from: number, to: number) => {
    for (let c = from; c <= to; c++) t[c] = c;
  };
  // ASCII
  set(0x00, 0x20, SPACE);
  t[0x0a] = STOP;
  t[0x0d] = STOP;
  same(0x30, 0x39);
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 0x20;
  same(0x61, 0x7a);
  for (const ch of '.!?;:') t[ch.charCodeAt(0)] = STOP;
  // Latin-1 and Latin Extended letters: keep (lower-cased where simple).
  for (let c = 0xc0; c <= 0x24f; c++) {
    const s = String.fromCharCode(c);
    const lower = s.toLowerCase();
    t[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  t[0xd7] = PUNCT;
  t[0xf7] = PUNCT;
  t[0xa0] = SPACE;
  t[0xad] = DROP;
  // General punctuation and spaces
  set(0x2000, 0x200a, SPACE);
  set(0x200b, 0x200f, DROP); // ZWSP, ZWNJ, ZWJ, LRM, RLM
  set(0x2028, 0x2029, STOP);
  set(0x202a, 0x202e, DROP); // bidi embeddings
  t[0x202f] = SPACE;
  t[0x205f] = SPACE;
  set(0x2060, 0x2064, DROP);
  set(0x2066, 0x2069, DROP); // bidi isolates
  t[0x3000] = SPACE;
  t[0xfeff] = DROP;
  t[0x2026] = STOP; // …
  // Arabic block
  same(0x0621, 0x063a);
  same(0x0641, 0x064a);
  t[0x0640] = DROP; // tatweel
  set(0x064b, 0x065f, DROP); // harakat, shadda, sukun, hamza marks
  t[0x0670] = DROP; // superscript alef
  set(0x0610, 0x061a, DROP); // Quranic honorifics and small marks
  set(0x06d6, 0x06ed, DROP); // Quranic annotation marks
  set(0x08d3, 0x08ff, DROP); // extended Arabic marks
  t[0x061c] = DROP; // Arabic letter mark
  t[0x060c] = STOP; // ، comma
  t[0x061b] = STOP; // ؛
  t[0x061f] = STOP; // ؟
  t[0x06d4] = STOP; // ۔ full stop
  t[0x066b] = PUNCT; // decimal separator
  t[0x066c] = PUNCT; // thousands separator
  t[0x066a] = PUNCT; // percent
  t[0x066d] = PUNCT;
  for (let i = 0; i <= 9; i++) {
    t[0x0660 + i] = 0x30 + i;
    t[0x06f0 + i] = 0x30 + i;
  }
  const ALEF = 0x0627;
  const YEH = 0x064a;
  const HEH = 0x0647;
  const WAW = 0x0648;
  const KAF = 0x0643;
  t[0x0622] = ALEF; // آ
  t[0x0623] = ALEF; // أ
  t[0x0625] = ALEF; // إ
  t[0x0671] = ALEF; // ٱ wasla
  t[0x0672] = ALEF;
  t[0x0673] = ALEF;
  t[0x0675] = ALEF;
  t[0x0649] = YEH; // ى alef maqsura
  t[0x0626] = YEH; // ئ
  t[0x06cc] = YEH; // ی Farsi yeh
  t[0x06cd] = YEH;
  t[0x06d0] = YEH;
  t[0x06d2] = YEH;
  t[0x06d3] = YEH;
  t[0x0629] = HEH; // ة ta marbuta
  t[0x06c0] = HEH; // ۀ
  t[0x06c1] = HEH; // ہ
  t[0x06c2] = HEH;
  t[0x06c3] = HEH;
  t[0x06d5] = HEH; // ە
  t[0x06be] = HEH; // ھ
  t[0x0624] = WAW; // ؤ
  t[0x06c4] = WAW;
  t[0x06c6] = WAW;
  t[0x06c7] = WAW;
  t[0x06c8] = WAW;
  t[0x06cb] = WAW;
  t[0x06a9] = KAF; // ک
  t[0x06aa] = KAF;
  t[0x06af] = KAF; // گ
  t[0x06b3] = KAF;
  t[0x067e] = 0x0628; // پ -> ب
  t[0x0686] = 0x062c; // چ -> ج
  t[0x0698] = 0x0632; // ژ -> ز
  t[0x06a4] = 0x0641; // ڤ -> ف
  t[0x06a5] = 0x0641;
  t[0x06a8] = 0x0642; // ڨ -> ق
  t[0x066e] = 0x0628; // dotless beh
  t[0x066f] = 0x0642; // dotless qaf
  t[0x06ba] = 0x0646; // ں -> ن
  // Quotes, brackets, dashes: phrase-internal punctuation (PUNCT is the default).
  // Presentation forms: marked so callers can route them through NFKC.
  set(0xfb50, 0xfdff, PRESENTATION);
  set(0xfe70, 0xfefe, PRESENTATION);
  return t;
}

/** Marker for Arabic presentation forms; `foldString` expands them with NFKC first. */
export const PRESENTATION = 4;

export function foldTable(): Uint16Array {
  table ??= build();
  return table;
}

/** True for a folded code that is part of a word (letter or digit). */
export function isWordChar(folded: number): boolean {
  return folded >= FIRST_CHAR;
}
