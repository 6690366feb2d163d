import { describe, expect, it } from 'vitest';
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
