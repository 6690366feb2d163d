/**
 * Assembles a card from pack rows: merges the rows of one entity from several packs (first
 * pack wins for single values, lists are unioned), picks the facts that held on the article's
 * date, and ranks the prior events. Pure: the background supplies rows and a label lookup.
 */
import type { PackEntity, PackEvent, PackFact } from '../pack/format';
import { firstDay, isCurrentOn, isPrior, precisionOf } from './dates';
import type { Bilingual, CardEvent, CardFact, CardLink, EntityCard } from './types';

export const MAX_CARD_EVENTS = 5;

/** Facts that hold one value at a time: only the holder on the article's date is shown. */
const SINGLE_VALUED = new Set([
  'capital',
  'headquarters',
  'head_of_state',
  'head_of_government',
  'leader',
  'foreign_minister',
  'population',
  'area_km2',
  'country',
  'founded',
  'born',
  'died',
  'dissolved',
  'currency',
  'official_language',
  'party',
]);

/** Order of facts on the card. */
const FACT_ORDER = [
  'position',
  'country',
  'capital',
  'head_of_state',
  'head_of_government',
  'foreign_minister',
  'leader',
  'founder',
  'headquarters',
  'founded',
  'born',
  'died',
  'dissolved',
  'party',
  'affiliation',
  'member_of',
  'ideology',
  'population',
  'area_km2',
  'official_language',
  'currency',
  'place',
  'note',
];
const MAX_FACTS = 6;

export interface CardInput {
  rows: { packName: string; entity: PackEntity }[];
  events: PackEvent[];
  /** YYYY-MM-DD: the article's date; events before it are "prior". */
  asOf: string;
  /** Other entities on the page (ids). */
  pageEntities: readonly string[];
  /** Current labels of referenced entities, when known. */
  labelOf: (id: string) => Bilingual | undefined;
  order: 'newest' | 'related';
  /** All prior events instead of the top few (the full timeline). */
  allEvents?: boolean;
}

function factValue(f: PackFact, labelOf: CardInput['labelOf']): Bilingual {
  if (f.ref) {
    const l = labelOf(f.ref);
    if (l) return l;
  }
  if (f.text) return f.text;
  if (f.num !== undefined) {
    // Western digits, as most Arabic news sites print them.
    const n = f.num.toLocaleString('en-US');
    return f.year ? { ar: `${n} (${f.year})`, en: `${n} (${f.year})` } : { ar: n, en: n };
  }
  return {};
}

function pickFacts(rows: CardInput['rows'], asOf: string, labelOf: CardInput['labelOf']): CardFact[] {
  const byKey = new Map<string, PackFact[]>();
  for (const { entity } of rows) {
    const mine = new Map<string, PackFact[]>();
    for (const f of entity.facts ?? []) mine.set(f.key, [...(mine.get(f.key) ?? []), f]);
    for (const [k, list] of mine) {
      // Single-valued keys: the first pack that has the key decides.
      if (SINGLE_VALUED.has(k) && byKey.has(k)) continue;
      const prev = byKey.get(k) ?? [];
      byKey.set(k, [...prev, ...list.filter((f) => !prev.some((p) => p.ref === f.ref && p.date === f.date && p.num === f.num && p.text?.ar === f.text?.ar))]);
    }
  }
  const out: CardFact[] = [];
  for (const key of FACT_ORDER) {
    const list = byKey.get(key);
    if (!list?.length) continue;
    let chosen: PackFact[];
    const dated = list.some((f) => f.from || f.to);
    if (dated) {
      const current = list.filter((f) => isCurrentOn(asOf, f.from, f.to));
      // No holder on that day: show the latest one that began before it.
      const before = list.filter((f) => !f.from || f.from <= asOf).sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
      chosen = current.length ? current : before.slice(0, 1);
    } else chosen = list;
    if (SINGLE_VALUED.has(key)) chosen = chosen.slice(0, 1);
    for (const f of chosen.slice(0, 3)) {
      const value = f.date && !f.ref && !f.text ? {} : factValue(f, labelOf);
      if (!value.ar && !value.en && !f.date) continue;
      out.push({
        key,
        value,
        ...(f.ref ? { ref: f.ref } : {}),
        ...(f.date ? { date: f.date } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
      });
    }
    if (out.length >= MAX_FACTS) break;
  }
  return out.slice(0, MAX_FACTS);
}

export function rankEvents(
  events: PackEvent[],
  asOf: string,
  selfIds: readonly string[],
  pageEntities: readonly string[],
  order: 'newest' | 'related',
  limit: number,
): { shown: CardEvent[]; more: number } {
  // Page entities come most-mentioned first: the article's main actors weigh more.
  const weight = new Map<string, number>();
  pageEntities.filter((id) => !selfIds.includes(id)).forEach((id, rank) => weight.set(id, 1 / (1 + rank / 3)));
  const relevance = new Map<string, number>();
  const prior = events
    .filter((e) => isPrior(e.date, asOf))
    .map((e): CardEvent => {
      const involved = new Set(e.entities.map((x) => x.id));
      if (e.place) involved.add(e.place);
      let also = 0;
      let score = 0;
      for (const id of involved) {
        const w = weight.get(id);
        if (w === undefined) continue;
        also++;
        score += w;
      }
      // An event about everyone (a ban on seven countries) says less about each of them; an
      // event of the last months is the article's background more often than one of decades ago.
      const days = (Date.parse(asOf) - Date.parse(firstDay(e.date))) / 86_400_000;
      const recency = 1 + 1.5 * Math.exp(-Math.max(0, days) / 365);
      relevance.set(e.id, (score / Math.sqrt(involved.size)) * recency);
      return {
        id: e.id,
        date: e.date,
        precision: e.precision ?? precisionOf(e.date),
        ...(e.end ? { end: e.end } : {}),
        title: e.title,
        ...(e.summary ? { summary: e.summary } : {}),
        sources: e.sources ?? [],
        alsoOnPage: also,
      };
    });
  const byDate = (a: CardEvent, b: CardEvent) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id);
  // Choose the most related, then the newest; show newest first or most related first.
  const chosen = [...prior].sort((a, b) => relevance.get(b.id)! - relevance.get(a.id)! || byDate(a, b)).slice(0, limit);
  const shown = order === 'newest' ? chosen.sort(byDate) : chosen;
  return { shown, more: prior.length - shown.length };
}

export function buildCard(input: CardInput): EntityCard | undefined {
  const first = input.rows[0]?.entity;
  if (!first) return undefined;
  const links: CardLink[] = [];
  const seenUrls = new Set<string>();
  const addLink = (l: CardLink) => {
    if (!/^https?:\/\//i.test(l.url) || seenUrls.has(l.url)) return;
    seenUrls.add(l.url);
    links.push(l);
  };
  for (const { entity } of input.rows) {
    for (const [kind, url] of Object.entries(entity.links ?? {})) if (url) addLink({ kind: kind as CardLink['kind'], url });
  }
  for (const { entity } of input.rows) for (const s of entity.sources ?? []) addLink({ kind: 'source', url: s.url, ...(s.title ? { title: s.title } : {}) });
  const description = input.rows.map((r) => r.entity.description).find((d) => d?.ar || d?.en);
  const { shown, more } = rankEvents(
    input.events,
    input.asOf,
    [first.id],
    input.pageEntities,
    input.order,
    input.allEvents ? Number.MAX_SAFE_INTEGER : MAX_CARD_EVENTS,
  );
  return {
    id: first.id,
    type: first.type,
    ...(first.subtype ? { subtype: first.subtype } : {}),
    label: {
      ar: first.label.ar,
      ...(first.label.en
        ? { en: first.label.en }
        : input.rows.find((r) => r.entity.label.en)
          ? { en: input.rows.find((r) => r.entity.label.en)!.entity.label.en! }
          : {}),
    },
    ...(description ? { description } : {}),
    facts: pickFacts(input.rows, input.asOf, input.labelOf),
    events: shown,
    moreEvents: more,
    links,
    packs: [...new Set(input.rows.map((r) => r.packName))],
    alternatives: [],
    asOf: input.asOf,
  };
}
