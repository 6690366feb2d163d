/**
 * Leftmost-longest, non-overlapping gazetteer matching over a token stream. At each token the
 * whole word is tried first; only when no name starts with it are its proclitic variants tried
 * (وإيران -> إيران, للعراق -> العراق). A name never crosses punctuation or a sentence end.
 */
import { cliticVariants, type CliticVariant } from '../text/clitics';
import { hashRange, seqNext1, seqNext2, seqStart1, seqStart2 } from '../text/hash';
import { BREAK_NONE, type Tokens } from '../text/tokenize';
import { Gazetteer } from './gazetteer';

export interface RawHit {
  /** First and one-past-last token. */
  tok: number;
  endTok: number;
  /** Folded chars of the first token that are clitics (not part of the name). */
  skip: number;
  /** Slot value of the matched alias (its senses). */
  value: number;
}

export function scan(g: Gazetteer, t: Tokens): RawHit[] {
  const hits: RawHit[] = [];
  const { count, h1, h2, breakBefore, chars, foldStart, foldEnd } = t;
  const variants: CliticVariant[] = [];
  const vh = new Uint32Array(2);
  let bestEnd = -1;
  let bestValue = 0;

  // Extends from token i (whose sequence hash is s1/s2) as far as the index allows.
  const walk = (i: number, s1: number, s2: number): void => {
    bestEnd = -1;
    let j = i;
    for (;;) {
      const v = g.lookup(s1, s2);
      if (v === 0) return;
      if (Gazetteer.terminal(v)) {
        bestEnd = j + 1;
        bestValue = v;
      }
      if (!Gazetteer.continues(v)) return;
      j++;
      if (j >= count || breakBefore[j] !== BREAK_NONE) return;
      s1 = seqNext1(s1, h1[j]!);
      s2 = seqNext2(s2, h2[j]!);
    }
  };

  let i = 0;
  while (i < count) {
    walk(i, seqStart1(h1[i]!), seqStart2(h2[i]!));
    let skip = 0;
    if (bestEnd < 0) {
      const nv = cliticVariants(chars, foldStart[i]!, foldEnd[i]!, variants);
      for (let k = 0; k < nv && bestEnd < 0; k++) {
        const v = variants[k]!;
        hashRange(chars, foldStart[i]! + v.skip, foldEnd[i]!, v.lead, vh);
        walk(i, seqStart1(vh[0]!), seqStart2(vh[1]!));
        // With a lead alef (لل -> ال) the name starts at the second lam, which is `skip` too.
        skip = v.skip;
      }
    }
    if (bestEnd > 0) {
      hits.push({ tok: i, endTok: bestEnd, skip, value: bestValue });
      i = bestEnd;
    } else i++;
  }
  return hits;
}
