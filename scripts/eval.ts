/**
 * npm run eval: how well the default pack and the engine find names.
 *
 * 1. The seed article's checklist: misses, wrong links and false alarms.
 * 2. ANERcorp (CAMeL Lab train split, ../shared/data/anercorp-train): precision (a predicted
 *    mention is right when it overlaps a gold PERS, LOC, ORG or MISC mention), recall per gold
 *    type, and coverage (share of gold mentions whose name the pack knows at all, before any
 *    disambiguation). Documents are windows of consecutive sentences (the corpus has no article
 *    boundaries); per-sentence figures are printed too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotate } from '../lib/match/annotate';
import { scan } from '../lib/match/scan';
import type { Mention } from '../lib/match/types';
import { normalize } from '../lib/text/normalize';
import { tokenize } from '../lib/text/tokenize';
import { loadDefaultPack, matcherFor, type Matcher } from './lib/packs';
import { checkSeed, seedExpected, seedText } from './lib/seed-check';
import { SHARED } from './pack/build';

interface Gold {
  start: number;
  end: number;
  type: string;
}

interface Sentence {
  text: string;
  gold: Gold[];
}

export function readAnercorp(path = join(SHARED, 'anercorp-train/ANERCorp_CamelLab_train.txt')): Sentence[] {
  const out: Sentence[] = [];
  let tokens: [string, string][] = [];
  const flush = () => {
    if (!tokens.length) return;
    let text = '';
    const gold: Gold[] = [];
    let open: Gold | undefined;
    for (const [tok, tag] of tokens) {
      if (text) text += ' ';
      const start = text.length;
      text += tok;
      const [bio, type] = tag.split('-') as [string, string | undefined];
      if (bio === 'B' || (bio === 'I' && (!open || open.type !== type))) {
        open = { start, end: text.length, type: type ?? 'MISC' };
        gold.push(open);
      } else if (bio === 'I' && open) open.end = text.length;
      else open = undefined;
    }
    out.push({ text, gold });
    tokens = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t) {
      flush();
      continue;
    }
    const sp = t.lastIndexOf(' ');
    tokens.push([t.slice(0, sp), t.slice(sp + 1)]);
  }
  flush();
  return out;
}

interface Scores {
  predicted: number;
  correct: number;
  adjectives: number;
  adjectivesCorrect: number;
  falseAlarms: Map<string, number>;
  goldByType: Map<string, number>;
  foundByType: Map<string, number>;
  knownByType: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

function evaluate(m: Matcher, sentences: Sentence[], window: number): Scores {
  const s: Scores = {
    predicted: 0,
    correct: 0,
    adjectives: 0,
    adjectivesCorrect: 0,
    falseAlarms: new Map(),
    goldByType: new Map(),
    foundByType: new Map(),
    knownByType: new Map(),
  };
  for (let i = 0; i < sentences.length; i += window) {
    const group = sentences.slice(i, i + window);
    let doc = '';
    const gold: Gold[] = [];
    for (const sen of group) {
      const base = doc.length;
      doc += sen.text + '\n';
      for (const g of sen.gold) gold.push({ start: g.start + base, end: g.end + base, type: g.type });
    }
    const found: Mention[] = annotate(m.g, doc);
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
    for (const p of found) {
      const hit = gold.some((g) => overlaps(g, p));
      // ANERcorp does not annotate nisba adjectives (الفرنسي، الإسرائيلية are tagged O): they are
      // counted apart, not as names.
      if (p.adjective) {
        s.adjectives++;
        if (hit) s.adjectivesCorrect++;
        continue;
      }
      s.predicted++;
      if (hit) s.correct++;
      else {
        bump(s.falseAlarms, `${p.text} -> ${m.entity(p.entityId)?.label.en ?? p.entityId}`);
        // EVAL_SHOW="الرياض|عدن": print where these false alarms are, to study them.
        if (SHOW?.has(p.text)) console.log(`  [${p.text} -> ${p.entityId}] …${doc.slice(Math.max(0, p.start - 60), p.end + 60).replace(/\n/g, ' ¶ ')}…`);
      }
    }
    // Coverage: names the pack knows, whatever the resolver decided.
    const t = tokenize(doc);
    const raw = scan(m.g, t).map((h) => ({ start: t.charStart[t.foldStart[h.tok]! + h.skip]!, end: t.charEnd[t.foldEnd[h.endTok - 1]! - 1]! }));
    for (const g of gold) {
      bump(s.goldByType, g.type);
      if (found.some((p) => overlaps(g, p))) bump(s.foundByType, g.type);
      if (raw.some((h) => overlaps(g, h))) bump(s.knownByType, g.type);
    }
  }
  return s;
}

const SHOW = process.env.EVAL_SHOW ? new Set(process.env.EVAL_SHOW.split('|')) : undefined;

/** Every gold mention's text, normalized, with and without a leading clitic. */
function goldSurfaces(sentences: Sentence[]): Set<string> {
  const out = new Set<string>();
  for (const s of sentences)
    for (const g of s.gold) {
      const n = normalize(s.text.slice(g.start, g.end));
      out.add(n);
      const m = /^(و|ف|ب|ل|ك|وب|ول|فب|فل)(?=.{3})/.exec(n);
      if (m) out.add(n.slice(m[0].length));
      if (n.startsWith('لل')) out.add('ال' + n.slice(2));
    }
  return out;
}

const pct = (a: number, b: number, digits = 1) => (b ? ((100 * a) / b).toFixed(digits) : '-');

export async function main(): Promise<void> {
  const t0 = performance.now();
  const pack = await loadDefaultPack();
  const m = matcherFor([pack]);
  console.log(
    `pack ${pack.meta.id} ${pack.meta.version}: ${pack.entities.length} entities, ${m.g.aliasCount} aliases (${(m.g.byteLength / 1e6).toFixed(2)} MB index)\n`,
  );

  // 1. Seed article
  const exp = seedExpected();
  const text = seedText();
  const rep = checkSeed(text, annotate(m.g, text), exp);
  console.log(
    `Seed article checklist: ${rep.checked - rep.misses.length - rep.wrong.length}/${rep.checked} forms found and linked, ${rep.falseAlarms.length} false alarms`,
  );
  for (const x of [...rep.misses, ...rep.wrong]) console.log(`  miss: ${x}`);
  for (const x of rep.falseAlarms) console.log(`  false alarm: ${x}`);

  // 2. ANERcorp
  const sentences = readAnercorp();
  const tokens = sentences.reduce((a, s) => a + s.text.split(' ').length, 0);
  for (const window of [10, 1]) {
    const s = evaluate(m, sentences, window);
    console.log(`\nANERcorp train (${sentences.length} sentences, ${tokens} tokens), documents of ${window} sentence${window > 1 ? 's' : ''}:`);
    console.log(`  precision ${pct(s.correct, s.predicted, 2)}% (${s.correct}/${s.predicted} predicted name mentions overlap a gold mention)`);
    console.log(
      `  adjective mentions: ${s.adjectives} (${s.adjectivesCorrect} inside a gold mention; ANERcorp tags nisba adjectives O, so they are not scored); precision counting them: ${pct(s.correct + s.adjectivesCorrect, s.predicted + s.adjectives)}%`,
    );
    for (const type of ['PERS', 'LOC', 'ORG', 'MISC']) {
      const g = s.goldByType.get(type) ?? 0;
      console.log(
        `  ${type.padEnd(4)} recall ${pct(s.foundByType.get(type) ?? 0, g).padStart(5)}%  coverage ${pct(s.knownByType.get(type) ?? 0, g).padStart(5)}%  (${g} gold mentions)`,
      );
    }
    const core = ['PERS', 'LOC', 'ORG'];
    const g = core.reduce((a, k) => a + (s.goldByType.get(k) ?? 0), 0);
    const f = core.reduce((a, k) => a + (s.foundByType.get(k) ?? 0), 0);
    const k = core.reduce((a, t) => a + (s.knownByType.get(t) ?? 0), 0);
    console.log(`  PERS+LOC+ORG recall ${pct(f, g)}%  coverage ${pct(k, g)}%`);
    if (window === 10) {
      // How many false alarms are names the corpus itself tags elsewhere (its tagging of the
      // same name varies: مجلس 69 × B-ORG, 68 × O)?
      const tagged = goldSurfaces(sentences);
      let elsewhere = 0;
      let total = 0;
      for (const [k, n] of s.falseAlarms) {
        total += n;
        if (tagged.has(normalize(k.split(' -> ')[0]!))) elsewhere += n;
      }
      console.log(`  false alarms: ${total}, of which ${elsewhere} (${pct(elsewhere, total)}%) are names ANERcorp tags as entities elsewhere`);
      const top = [...s.falseAlarms].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.EVAL_TOP ?? 25));
      console.log(`  most frequent false alarms: ${top.map(([k, n]) => `${k} (${n})`).join(', ')}`);
    }
  }
  console.log(`\n${Math.round(performance.now() - t0)} ms`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) void main();
