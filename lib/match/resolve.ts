/**
 * From raw gazetteer hits to mentions: decides which reading of each name is meant, and whether
 * a name that is also an ordinary word is a name here at all.
 *
 * Evidence, from strongest to weakest:
 *  - a cue phrase right before the name (حركة حماس، سلطنة عمان، الرئيس ...), possibly across
 *    quotes (حركة "حماس");
 *  - one sense per document: the same entity named unambiguously elsewhere in the text;
 *  - a related entity named in the text (مسقط near عمان means Oman: Muscat is its capital);
 *  - the alias may stand alone (its own flag), and the entity's salience as a prior.
 * A reading that needs evidence and has none is dropped; a mention whose two best readings are
 * close is reported with the runner-up as an alternative ("possible match").
 */
import { cliticVariants, type CliticVariant } from '../text/clitics';
import { hashRange, seqNext1, seqNext2, seqStart1, seqStart2 } from '../text/hash';
import { BREAK_NONE, BREAK_STOP, tokenize, type Tokens } from '../text/tokenize';
import { CUE_OWN, Gazetteer, senseEntity, senseFlags } from './gazetteer';
import type { RawHit } from './scan';
import { SENSE_ADJECTIVE, SENSE_ORDINARY, SENSE_PARTIAL, SENSE_STANDALONE, type Mention } from './types';

/** Score weights; see docs/adr/0002-matching.md for how they were tuned on the seed article. */
export const WEIGHTS = {
  standalone: 0.75,
  cue: 0.5,
  sameEntityInDoc: 0.35,
  relatedInDoc: 0.25,
  salience: 0.15,
  /** A runner-up within this ratio of the best score stays as an alternative. */
  ambiguityRatio: 0.8,
  /** Below this, a mention is not shown. */
  minScore: 0.3,
  /**
   * A one-word place found only by stripping a proclitic needs evidence when it is this little
   * known: لغات ("languages") is not ل + غات (Ghat), بطاطا ("potatoes") is not ب + طاطا (Tata).
   */
  glued: 0.4,
} as const;

/**
 * Words after which a one-word name is almost never a name: a demonstrative makes the next word a
 * common noun (ذاك الرباط القدسي "that sacred bond", not Rabat), a relative pronoun starts a
 * clause with a verb (اللاتي عدن للتمثيل "who returned to acting", not Aden). After them a one-word
 * name needs evidence like a name that is also a word.
 */
const FUNCTION_WORDS_BEFORE = tokenHashes([
  'هذا',
  'هذه',
  'ذلك',
  'تلك',
  'ذاك',
  'هذان',
  'هاتان',
  'هذين',
  'هاتين',
  'هؤلاء',
  'أولئك',
  'الذي',
  'التي',
  'الذين',
  'اللذان',
  'اللتان',
  'اللذين',
  'اللتين',
  'اللاتي',
  'اللواتي',
  'اللائي',
]);

/** One-token words by their token hashes (h1 -> h2), compared like page tokens: no string per hit. */
function tokenHashes(words: readonly string[]): ReadonlyMap<number, number> {
  const t = tokenize(words.join(' '));
  const out = new Map<number, number>();
  for (let k = 0; k < t.count; k++) out.set(t.h1[k]!, t.h2[k]!);
  return out;
}

/** Token i is one of `words`. */
function tokenIn(t: Tokens, i: number, words: ReadonlyMap<number, number>): boolean {
  return words.get(t.h1[i]!) === t.h2[i];
}

interface Candidate {
  entity: number;
  flags: number;
  /** A cue word confirms this reading (for ordinary words: only the entity's own cues). */
  cue: boolean;
  /** The cue before the name is one of the entity's own (نادي for a club), not only its class's. */
  own: boolean;
  score: number;
}

interface Pending {
  hit: RawHit;
  start: number;
  end: number;
  cands: Candidate[];
  anchored: number; // entity index when certain without document context, else -1
}

const MAX_CUE_TOKENS = 4;

/** Sequence hashes of the n tokens before token i (n = 1..MAX), with clitic variants of the first. */
function precedingHashes(t: Tokens, i: number): { n: number; h1: number; h2: number }[] {
  const out: { n: number; h1: number; h2: number }[] = [];
  if (i === 0 || t.breakBefore[i] === BREAK_STOP) return out;
  const vars: CliticVariant[] = [];
  const vh = new Uint32Array(2);
  for (let n = 1; n <= MAX_CUE_TOKENS && i - n >= 0; n++) {
    const first = i - n;
    // Inner tokens of a cue phrase are separated by spaces only.
    if (n > 1 && t.breakBefore[first + 1] !== BREAK_NONE) break;
    const starts: [number, number][] = [[seqStart1(t.h1[first]!), seqStart2(t.h2[first]!)]];
    const nv = cliticVariants(t.chars, t.foldStart[first]!, t.foldEnd[first]!, vars);
    for (let k = 0; k < nv; k++) {
      hashRange(t.chars, t.foldStart[first]! + vars[k]!.skip, t.foldEnd[first]!, vars[k]!.lead, vh);
      starts.push([seqStart1(vh[0]!), seqStart2(vh[1]!)]);
    }
    for (let [s1, s2] of starts) {
      for (let k = first + 1; k < i; k++) {
        s1 = seqNext1(s1, t.h1[k]!);
        s2 = seqNext2(s2, t.h2[k]!);
      }
      out.push({ n, h1: s1, h2: s2 });
    }
  }
  return out;
}

/** 0: no cue; 1: a cue of the entity's class; 2: one of the entity's own cues. */
function cueStrength(g: Gazetteer, entity: number, before: { n: number; h1: number; h2: number }[]): 0 | 1 | 2 {
  if (before.length === 0) return 0;
  const cues = g.cuesOf(entity);
  let best: 0 | 1 | 2 = 0;
  for (let k = 0; k < cues.length; k += 3) {
    const n = cues[k]! & 0xff;
    const own = (cues[k]! & CUE_OWN) !== 0;
    const c1 = cues[k + 1]!;
    const c2 = cues[k + 2]!;
    for (const b of before) if (b.n === n && b.h1 === c1 && b.h2 === c2) best = own ? 2 : (Math.max(best, 1) as 1);
    if (best === 2) return 2;
  }
  return best;
}

export function resolve(
  g: Gazetteer,
  t: Tokens,
  text: string,
  hits: readonly RawHit[],
  context: readonly number[] = [],
  excluded?: (entity: number) => boolean,
): Mention[] {
  const pending: Pending[] = [];
  for (const hit of hits) {
    const start = t.charStart[t.foldStart[hit.tok]! + hit.skip]!;
    const end = t.charEnd[t.foldEnd[hit.endTok - 1]! - 1]!;
    const byEntity = new Map<number, number>();
    for (const s of g.senses(hit.value)) {
      const e = senseEntity(s);
      byEntity.set(e, (byEntity.get(e) ?? 0) | senseFlags(s));
    }
    const before = precedingHashes(t, hit.tok);
    const cands: Candidate[] = [];
    // The word is a name only once a proclitic is stripped (لغات -> غات): for a little-known place
    // that reading is weak, so it needs evidence like a name that is also a word.
    const oneWord = hit.endTok - hit.tok === 1;
    const glued = hit.skip > 0 && oneWord;
    const afterFunctionWord = oneWord && hit.tok > 0 && t.breakBefore[hit.tok] === BREAK_NONE && tokenIn(t, hit.tok - 1, FUNCTION_WORDS_BEFORE);
    for (const [entity, rawFlags] of byEntity) {
      if (excluded?.(entity)) continue;
      let flags = rawFlags;
      if (glued && g.entityType(entity) === 'place' && g.salience(entity) < WEIGHTS.glued) flags &= ~SENSE_STANDALONE;
      if (afterFunctionWord) flags = (flags & ~SENSE_STANDALONE) | SENSE_ORDINARY;
      // A nisba never ends in alef maqsura: اليمنى is "the right (hand)", not Yemeni.
      if (flags & SENSE_ADJECTIVE && text.charCodeAt(end - 1) === 0x0649) continue;
      // For a name that is also an ordinary word only the entity's own cues count: الرئيس
      // before أن ("that") must not make it the princess Anne.
      const strength = cueStrength(g, entity, before);
      cands.push({ entity, flags, cue: flags & SENSE_ORDINARY ? strength === 2 : strength > 0, own: strength === 2, score: 0 });
    }
    if (cands.length === 0) continue;
    // A reading its own cue confirms beats every reading no cue supports, even one that may stand
    // alone: فريق برشلونة is the club, not the city; محافظة صنعاء the governorate, not the city.
    if (cands.some((c) => c.own)) for (let k = cands.length - 1; k >= 0; k--) if (!cands[k]!.cue) cands.splice(k, 1);
    let anchored = -1;
    const strong = cands.filter((c) => c.cue || (c.flags & SENSE_STANDALONE && !(c.flags & SENSE_PARTIAL)));
    if (strong.length === 1) anchored = strong[0]!.entity;
    pending.push({ hit, start, end, cands, anchored });
  }

  // Entities named with certainty somewhere in the document.
  const inDoc = new Set<number>(context);
  for (const p of pending) if (p.anchored >= 0) inDoc.add(p.anchored);
  const relatedInDoc = (e: number): boolean => {
    for (const r of g.relatedOf(e)) if (inDoc.has(r)) return true;
    return false;
  };

  const mentions: Mention[] = [];
  const nested: Mention[] = [];
  for (const p of pending) {
    for (const c of p.cands) {
      const standalone = (c.flags & SENSE_STANDALONE) !== 0 && (c.flags & SENSE_PARTIAL) === 0;
      const same = inDoc.has(c.entity) && p.anchored !== c.entity;
      const rel = relatedInDoc(c.entity);
      // An ordinary word (كان، حماس) becomes a name only by a cue or the entity named plainly
      // elsewhere; a related entity nearby is not enough (Israel on the page does not make
      // every كان "was" the broadcaster Kan).
      const ordinary = (c.flags & SENSE_ORDINARY) !== 0;
      const evidence = c.cue || same || (rel && !ordinary) || p.anchored === c.entity;
      if (!standalone && !evidence) {
        c.score = 0;
        continue;
      }
      // One sense per document beats a prior: once the document has named an entity plainly
      // (اتفاق الطائف), a bare alias of it that needs evidence (الطائف) means it, over another
      // entity whose bare name may stand alone (the city of Ta'if) but has no evidence here.
      const keepsSense = same && !standalone;
      c.score =
        (standalone || keepsSense ? WEIGHTS.standalone : 0) +
        (c.cue ? WEIGHTS.cue : 0) +
        (same ? WEIGHTS.sameEntityInDoc : 0) +
        (rel ? WEIGHTS.relatedInDoc : 0) +
        g.salience(c.entity) * WEIGHTS.salience;
    }
    const live = p.cands.filter((c) => c.score >= WEIGHTS.minScore).sort((a, b) => b.score - a.score || g.salience(b.entity) - g.salience(a.entity));
    const best = live[0];
    if (!best) continue;
    const alts = live.slice(1).filter((c) => c.score >= best.score * WEIGHTS.ambiguityRatio);
    const confidence = alts.length ? best.score / (best.score + alts.reduce((a, c) => a + c.score, 0)) : Math.min(1, best.score);
    const conf = Math.round(confidence * 1000) / 1000;
    mentions.push({
      start: p.start,
      end: p.end,
      text: text.slice(p.start, p.end),
      entityId: g.entityId(best.entity),
      type: g.entityType(best.entity),
      adjective: (best.flags & SENSE_ADJECTIVE) !== 0,
      confidence: conf,
      alternatives: alts.map((c) => g.entityId(c.entity)),
    });
    if (p.hit.endTok - p.hit.tok > 1) nested.push(...nestedAdjectives(g, t, text, p.hit, best.entity, conf));
  }
  if (!nested.length) return mentions;
  return [...mentions, ...nested].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Adjectives inside a longer name that point elsewhere: in الجيش الإسرائيلي (the army), the
 * word الإسرائيلي is Israel's. Reported as nested adjective mentions, so the phrase has its card
 * and the adjective its place's.
 */
function nestedAdjectives(g: Gazetteer, t: Tokens, text: string, hit: RawHit, outer: number, confidence: number): Mention[] {
  const out: Mention[] = [];
  for (let k = hit.tok + 1; k < hit.endTok; k++) {
    const v = g.lookup(seqStart1(t.h1[k]!), seqStart2(t.h2[k]!));
    if (!v || !Gazetteer.terminal(v)) continue;
    const adj = g.senses(v).filter((s) => senseFlags(s) & SENSE_ADJECTIVE && senseFlags(s) & SENSE_STANDALONE && senseEntity(s) !== outer);
    if (adj.length !== 1) continue;
    const e = senseEntity(adj[0]!);
    const start = t.charStart[t.foldStart[k]!]!;
    const end = t.charEnd[t.foldEnd[k]! - 1]!;
    if (text.charCodeAt(end - 1) === 0x0649) continue;
    out.push({ start, end, text: text.slice(start, end), entityId: g.entityId(e), type: g.entityType(e), adjective: true, confidence, alternatives: [] });
  }
  return out;
}
