import { describe, expect, it } from 'vitest';
import { buildCard, rankEvents } from '../../lib/card/build';
import { formatDate, isCurrentOn, isPrior, lastDay } from '../../lib/card/dates';
import type { PackEntity, PackEvent } from '../../lib/pack/format';

const iran: PackEntity = {
  id: 'Q794',
  type: 'place',
  subtype: 'country',
  label: { ar: 'إيران', en: 'Iran' },
  description: { ar: 'دولة في غرب آسيا.', en: 'Country in Western Asia.' },
  facts: [
    { key: 'capital', ref: 'Q3616' },
    { key: 'head_of_government', ref: 'raisi', from: '2021-08-03', to: '2024-05-19' },
    { key: 'head_of_government', ref: 'pezeshkian', from: '2024-07-28' },
    { key: 'population', num: 85961000 },
  ],
  links: { wikipedia_en: 'https://en.wikipedia.org/wiki/Iran', official: 'javascript:alert(1)' as never },
  sources: [{ url: 'https://en.wikipedia.org/wiki/Iran' }],
};

const ev = (id: string, date: string, entities: string[], end?: string): PackEvent => ({
  id,
  date,
  title: { ar: id, en: id },
  entities: entities.map((x) => ({ id: x })),
  ...(end ? { end } : {}),
});

const labels: Record<string, { ar: string; en: string }> = {
  Q3616: { ar: 'طهران', en: 'Tehran' },
  raisi: { ar: 'إبراهيم رئيسي', en: 'Ebrahim Raisi' },
  pezeshkian: { ar: 'مسعود بزشكيان', en: 'Masoud Pezeshkian' },
};

const card = (asOf: string, events: PackEvent[] = [], page: string[] = []) =>
  buildCard({ rows: [{ packName: 'default', entity: iran }], events, asOf, pageEntities: page, labelOf: (id) => labels[id], order: 'newest' })!;

describe('facts as of the article’s date', () => {
  it('shows the office holder on that day', () => {
    expect(card('2024-05-01').facts.find((f) => f.key === 'head_of_government')?.value.en).toBe('Ebrahim Raisi');
    expect(card('2025-01-01').facts.find((f) => f.key === 'head_of_government')?.value.en).toBe('Masoud Pezeshkian');
  });
  it('between two terms, shows the last one that began before the day', () => {
    expect(card('2024-06-15').facts.find((f) => f.key === 'head_of_government')?.value.en).toBe('Ebrahim Raisi');
  });
  it('names references by their current label and prints numbers with Western digits', () => {
    const c = card('2024-05-19');
    expect(c.facts.find((f) => f.key === 'capital')?.value.ar).toBe('طهران');
    expect(c.facts.find((f) => f.key === 'population')?.value.ar).toBe('85,961,000');
  });
  it('keeps only http(s) links', () => {
    expect(card('2024-05-19').links.map((l) => l.url)).toEqual(['https://en.wikipedia.org/wiki/Iran']);
  });
});

describe('prior events', () => {
  const events = [
    ev('revolution', '1979-02-11', ['Q794']),
    ev('jcpoa', '2015-07-14', ['Q794', 'Q30', 'Q142', 'Q183', 'Q145', 'Q148', 'Q159']),
    ev('april-attack', '2024-04-13', ['Q794', 'Q801'], '2024-04-14'),
    ev('same-day', '2024-05-19', ['Q794']),
    ev('later', '2025-06-13', ['Q794', 'Q801']),
    ev('may-2024', '2024-05', ['Q794', 'Q842']),
    ev('year-2024', '2024', ['Q794']),
  ];
  it('are strictly before the article’s date, whatever their precision', () => {
    const ids = card('2024-05-19', events).events.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['april-attack', 'jcpoa', 'revolution']));
    expect(ids).not.toContain('same-day');
    expect(ids).not.toContain('later');
    expect(ids).not.toContain('may-2024');
    expect(ids).not.toContain('year-2024');
  });
  it('show at most five, newest first, and count the rest', () => {
    const many = Array.from({ length: 9 }, (_, i) => ev(`e${i}`, `200${i}-01-01`, ['Q794']));
    const c = card('2024-05-19', many);
    expect(c.events).toHaveLength(5);
    expect(c.moreEvents).toBe(4);
    expect(c.events.map((e) => e.date)).toEqual([...c.events.map((e) => e.date)].sort().reverse());
  });
  it('prefer events that involve the other names on the page', () => {
    const many = [...Array.from({ length: 8 }, (_, i) => ev(`e${i}`, `201${i}-01-01`, ['Q794'])), ev('with-oman', '1990-01-01', ['Q794', 'Q842'])];
    const { shown } = rankEvents(many, '2024-05-19', ['Q794'], ['Q842'], 'newest', 5);
    expect(shown.map((e) => e.id)).toContain('with-oman');
    expect(shown.find((e) => e.id === 'with-oman')?.alsoOnPage).toBe(1);
  });
});

describe('dates', () => {
  it.each([
    ['2024', '2024-12-31'],
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['2024-05-19', '2024-05-19'],
  ])('last day of %s', (d, last) => expect(lastDay(d)).toBe(last));
  it('prior and current', () => {
    expect(isPrior('2024-05-18', '2024-05-19')).toBe(true);
    expect(isPrior('2024-05-19', '2024-05-19')).toBe(false);
    expect(isCurrentOn('2024-05-19', '2021-08-03', '2024-05-19')).toBe(true);
    expect(isCurrentOn('2024-05-20', '2021-08-03', '2024-05-19')).toBe(false);
  });
  it('formats in Arabic and English at the date’s precision', () => {
    expect(formatDate('2024-05-19', 'ar')).toBe('19 مايو 2024');
    expect(formatDate('2013-03', 'en')).toBe('Mar 2013');
    expect(formatDate('1979', 'ar')).toBe('1979');
  });
});
