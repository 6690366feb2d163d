/**
 * Arabic proclitics on the first word of a name: the conjunctions و ف, the prepositions ب ك ل,
 * their combinations (وب، فل، ...), and ل before the article, which elides its alef (لل = ل + ال).
 * A name stored as "العراق" is found in والعراق، بالعراق، للعراق، وللعراق; a name stored as
 * "إيران" in وإيران، لإيران، فبإيران.
 *
 * Variants are offered in order of fewer letters removed; the matcher tries the whole word
 * first and strips only when the whole word is not a name (واشنطن stays Washington).
 */

const WAW = 0x0648;
const FEH = 0x0641;
const BEH = 0x0628;
const KAF = 0x0643;
const LAM = 0x0644;
export const ALEF = 0x0627;

/** A way to read a word without its proclitics: skip `skip` folded chars, then prepend `lead`. */
export interface CliticVariant {
  skip: number;
  lead: number;
}

const isConj = (c: number | undefined) => c === WAW || c === FEH;
const isPrep = (c: number | undefined) => c === BEH || c === KAF || c === LAM;

/** Minimum letters left after stripping, so short words are not shredded into names. */
const MIN_STEM = 3;

/**
 * Variants of chars[from..to) without proclitics. Writes into `out` and returns how many.
 * At most 3 variants exist (e.g. ولل -> strip و, strip ول + alef).
 */
export function cliticVariants(chars: Uint16Array, from: number, to: number, out: CliticVariant[]): number {
  let n = 0;
  const len = to - from;
  const c0 = chars[from];
  const c1 = chars[from + 1];
  const c2 = chars[from + 2];
  const add = (skip: number, lead: number) => {
    if (len - skip + (lead ? 1 : 0) < MIN_STEM) return;
    const v = out[n] ?? (out[n] = { skip: 0, lead: 0 });
    v.skip = skip;
    v.lead = lead;
    n++;
  };
  if (isConj(c0)) {
    add(1, 0);
    if (isPrep(c1)) {
      if (c1 === LAM && c2 === LAM) add(2, ALEF);
      else add(2, 0);
    }
  } else if (isPrep(c0)) {
    if (c0 === LAM && c1 === LAM) add(1, ALEF);
    else add(1, 0);
  }
  return n;
}

/** Every written form of a word with its clitics attached (for tests and pack authors' checks). */
export function withClitics(word: string): string[] {
  const out = [word];
  const def = word.startsWith('ال');
  for (const c of ['و', 'ف']) out.push(c + word);
  for (const p of ['ب', 'ك']) {
    out.push(p + word, 'و' + p + word, 'ف' + p + word);
  }
  if (def) out.push('ل' + word.slice(1), 'ول' + word.slice(1), 'فل' + word.slice(1));
  else out.push('ل' + word, 'ول' + word, 'فل' + word);
  return out;
}
