/**
 * Search over every enabled pack, as the reader types: Arabic with or without diacritics,
 * hamza or ta-marbuta variants (all folded), with or without the article, adjective forms
 * (الإيرانية -> Iran), English names, and prefixes of any word of a name.
 *
 * A sorted array of terms (each name, and each name from each of its words on) answers a prefix
 * with two binary searches. Built on first use per service-worker life.
 */
import { ENTITY_TYPES } from '../match/types';
import { SENSE_ADJECTIVE, SENSE_LABEL } from '../match/types';
import { normalize } from '../text/normalize';
import { columnAt, columnLength, columnListAt } from '../pack/columns';
import { aliasText } from '../pack/slot-index';
import { slotNameViews } from '../db/packs';
import type { SearchResult } from '../messages/protocol';

interface Term {
  term: string;
  entity: number;
  /** 0 label, 1 alias, 2 adjective, 3 English; lower ranks first. */
  kind: number;
  /** Index of the word the term starts at (0 = start of the name). */
  word: number;
  name: string;
}

interface EntityInfo {
  id: string;
  ar: string;
  en: string;
  type: number;
  subtype: string;
  salience: number;
}

interface SearchIndex {
  terms: Term[];
  entities: EntityInfo[];
}

let index: Promise<SearchIndex> | undefined;

export function invalidateSearch(): void {
  index = undefined;
}

const stripArticle = (w: string) => (w.startsWith('ال') && w.length > 3 ? w.slice(2) : w);

function addTerms(terms: Term[], name: string, entity: number, kind: number, display: string): void {
  const words = name.split(' ');
  for (let w = 0; w < words.length; w++) {
    const rest = words.slice(w).join(' ');
    terms.push({ term: rest, entity, kind, word: w, name: display });
    const bare = stripArticle(rest);
    if (bare !== rest) terms.push({ term: bare, entity, kind, word: w, name: display });
  }
}

async function build(): Promise<SearchIndex> {
  const terms: Term[] = [];
  const entities: EntityInfo[] = [];
  const byId = new Map<string, number>();
  for (const v of await slotNameViews()) {
    const ix = v.index;
    const local: number[] = [];
    const n = columnLength(ix.entityIds);
    for (let i = 0; i < n; i++) {
      const id = columnAt(ix.entityIds, i);
      let k = byId.get(id);
      if (k === undefined) {
        k = entities.length;
        byId.set(id, k);
        entities.push({
          id,
          ar: columnAt(ix.labelsAr, i),
          en: columnAt(ix.labelsEn, i),
          type: ix.types[i]!,
          subtype: columnAt(ix.subtypes, i),
          salience: ix.salience[i]!,
        });
      }
      local.push(k);
      for (const en of columnListAt(ix.namesEn, i)) addTerms(terms, en.toLowerCase().replace(/\s+/g, ' ').trim(), k, 3, en);
    }
    const aliases = ix.aliasEntity.length;
    for (let a = 0; a < aliases; a++) {
      const flags = ix.aliasFlags[a]!;
      const kind = flags & SENSE_LABEL ? 0 : flags & SENSE_ADJECTIVE ? 2 : 1;
      const text = aliasText(ix, a);
      addTerms(terms, normalize(text), local[ix.aliasEntity[a]!]!, kind, text);
    }
  }
  terms.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return { terms, entities };
}

function lowerBound(terms: Term[], q: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.term < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function normalizeQuery(query: string): string {
  return normalize(query).toLowerCase();
}

export async function search(query: string, limit = 20): Promise<SearchResult[]> {
  const q = normalizeQuery(query);
  if (!q) return [];
  const ix = await (index ??= build());
  const queries = [...new Set([q, stripArticle(q)])];
  const best = new Map<number, { score: number; matched: string }>();
  for (const qq of queries) {
    let i = lowerBound(ix.terms, qq);
    let scanned = 0;
    for (; i < ix.terms.length && scanned < 5000; i++, scanned++) {
      const t = ix.terms[i]!;
      if (!t.term.startsWith(qq)) break;
      const exact = t.term.length === qq.length;
      const e = ix.entities[t.entity]!;
      // Exact beats prefix; whole name beats a later word; label beats alias beats adjective.
      const score = (exact ? 4 : 2) + (t.word === 0 ? 1 : 0) + (3 - Math.min(t.kind, 3)) * 0.25 + e.salience - (qq === q ? 0 : 0.1);
      const prev = best.get(t.entity);
      if (!prev || score > prev.score) best.set(t.entity, { score, matched: t.name });
    }
  }
  return [...best]
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, limit)
    .map(([k, { score, matched }]) => {
      const e = ix.entities[k]!;
      return {
        id: e.id,
        label: { ar: e.ar, ...(e.en ? { en: e.en } : {}) },
        type: ENTITY_TYPES[e.type] ?? 'other',
        ...(e.subtype ? { subtype: e.subtype } : {}),
        ...(normalize(matched) !== normalize(e.ar) && matched.toLowerCase() !== e.en.toLowerCase() ? { matched } : {}),
        score: Math.round(score * 100) / 100,
      };
    });
}
