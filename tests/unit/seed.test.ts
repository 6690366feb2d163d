import { beforeAll, describe, expect, it } from 'vitest';
import { annotate } from '../../lib/match/annotate';
import { buildCard } from '../../lib/card/build';
import type { PackEvent } from '../../lib/pack/format';
import { loadDefaultPack, matcherFor, type Matcher } from '../../scripts/lib/packs';
import { checkSeed, seedExpected, seedText } from '../../scripts/lib/seed-check';

// The first acceptance case: ../shared/samples/seed-article.expected.md on the default pack.
let m: Matcher;
beforeAll(async () => {
  m = matcherFor([await loadDefaultPack()]);
}, 60_000);

describe('the seed article with the default pack', () => {
  it('finds every listed form, links it to the right entity, and highlights nothing on the must-not list', () => {
    const text = seedText();
    const report = checkSeed(text, annotate(m.g, text), seedExpected());
    expect(report.misses).toEqual([]);
    expect(report.wrong).toEqual([]);
    expect(report.falseAlarms).toEqual([]);
    expect(report.checked).toBeGreaterThan(60);
  });

  it('marks adjectives as adjectives of their country', () => {
    const text = seedText();
    const adj = annotate(m.g, text).filter((x) => x.adjective);
    expect(new Set(adj.map((x) => x.entityId))).toEqual(new Set(['Q794', 'Q801', 'Q30']));
    expect(adj.map((x) => x.text)).toEqual(expect.arrayContaining(['الإيرانية', 'أميركيين', 'إسرائيلي']));
  });

  it.each(Object.entries(seedExpected().priorEvents))('the card of %s lists the expected prior events, none after the article', (id, expected) => {
    const { date } = seedExpected();
    const rows = m.packs.flatMap((p) => p.entities.filter((e) => e.id === id)).map((entity) => ({ packName: 'default', entity }));
    const events: PackEvent[] = m.packs.flatMap((p) => p.events.filter((e) => e.entities.some((x) => x.id === id) || e.place === id));
    const card = buildCard({
      rows,
      events,
      asOf: date,
      pageEntities: ['Q30', 'Q801', 'Q842', 'Q794'],
      labelOf: () => undefined,
      order: 'newest',
      allEvents: true,
    })!;
    const ids = card.events.map((e) => e.id);
    for (const e of expected) expect(ids).toContain(e);
    for (const e of card.events) expect(e.date < date).toBe(true);
    // Events after the article exist in the pack (e.g. Raisi's death the same day, the 2025 war) and are left out.
    expect(events.some((e) => e.date >= date)).toBe(true);
  });
});
