import { describe, expect, it } from 'vitest';
import { forEachPrefix, Gazetteer, senseEntity } from '../../lib/match/gazetteer';
import { normalize } from '../../lib/text/normalize';
import type { PackEntity } from '../../lib/pack/format';
import { compileMatcher, compileMatcherAsync, compileMatcherSteps, SlotIndexBuilder } from '../../lib/pack/slot-index';
import { mentions } from './helpers/gazetteer';
import { ColumnBuilder, columnAt, columnLength, columnListAt, columnValues, toColumn, toListColumn } from '../../lib/pack/columns';

describe('string columns keep every string exactly', () => {
  const names = ['إيران', '', 'سلطنة عمان', 'Q794', 'الولايات المتحدة', 'ﻻ', '😀 emoji', 'x'];

  it('round-trips Arabic, Latin, empty and astral strings in order', () => {
    const c = toColumn(names);
    expect(columnLength(c)).toBe(names.length);
    expect([...columnValues(c)]).toEqual(names);
    expect(columnAt(c, 2)).toBe('سلطنة عمان');
    expect(columnAt(c, names.length)).toBe('');
  });

  it('crosses block boundaries (thousands of strings) without shifting any', () => {
    const many = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? '' : `اسم${i}`));
    const b = new ColumnBuilder();
    for (const [i, s] of many.entries()) {
      b.push(s);
      // What was pushed is readable before the column is built (duplicate-id checks use it).
      if (i % 997 === 0) expect(b.at(i)).toBe(s);
    }
    expect(b.at(1500)).toBe(many[1500]);
    const c = b.build();
    expect(c.blocks.length).toBeLessThan(10);
    for (const i of [0, 1, 1023, 1024, 1025, 2047, 2048, 4999]) expect(columnAt(c, i), `string ${i}`).toBe(many[i]);
    expect([...columnValues(c)]).toEqual(many);
  });

  it('keeps lists, with "" as the empty list', () => {
    const c = toListColumn([['Q794', 'Q842'], null, [], ['مدينه']]);
    expect([0, 1, 2, 3].map((i) => columnListAt(c, i))).toEqual([['Q794', 'Q842'], [], [], ['مدينه']]);
    expect(() => toListColumn([['a\nb']])).toThrow(/line break/);
  });

  it('survives structured cloning as IndexedDB stores it', () => {
    const c = structuredClone(toColumn(names));
    expect([...columnValues(c)]).toEqual(names);
  });
});

describe('the matcher compiled from columns', () => {
  const entity = (i: number): PackEntity => ({
    id: `test:e${i}`,
    type: i % 2 ? 'person' : 'place',
    label: { ar: `مدينة رقم ${i}`, en: `Place ${i}` },
    aliases: [{ ar: `المدينة ${i}` }, ...(i % 1000 === 0 || i >= 19990 ? [{ ar: 'الاسم المشترك' }] : [])],
    facts: i > 0 ? [{ key: 'country', ref: `test:e${i - 1}` }] : [],
  });
  const index = (from: number, to: number, slot: number) => {
    const b = new SlotIndexBuilder(slot, 'test');
    for (let i = from; i < to; i++) b.addEntity(entity(i));
    return b.build();
  };

  it('compiles the same bytes in steps (the worker) as at once, across packs that share ids', async () => {
    const slots = [index(0, 20000, 1), index(19990, 20010, 2)];
    const atOnce = compileMatcher(slots);
    const steps = compileMatcherSteps(slots);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBeGreaterThan(2);
    // Byte for byte (a deep toEqual over a megabyte is needlessly slow).
    const same = (b: ArrayBuffer) => Buffer.from(b).equals(Buffer.from(atOnce));
    expect(same(r.value)).toBe(true);
    expect(same(await compileMatcherAsync(slots))).toBe(true);
    const g = new Gazetteer(r.value);
    expect(g.entityCount).toBe(20010);
    // A name several entities share is one entry with every sense, once each, including the
    // entities both packs have (19990-19999).
    let h1 = 0;
    let h2 = 0;
    forEachPrefix(normalize('الاسم المشترك'), (s1, s2, last) => {
      if (last) [h1, h2] = [s1, s2];
    });
    const ids = g.senses(g.lookup(h1, h2)).map((sense) => g.entityId(senseEntity(sense)));
    expect(ids.length).toBe(40);
    expect(new Set(ids).size).toBe(40);
    expect(ids).toContain('test:e19995');
    expect(mentions(g, 'وصل الاسم المشترك').length).toBe(1);
  });
});
