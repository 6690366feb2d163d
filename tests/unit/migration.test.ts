import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SiyaqDatabase, STORES_V1 } from '../../lib/db/database';
import { Gazetteer } from '../../lib/match/gazetteer';
import { columnListAt, columnValues, type StringColumn } from '../../lib/pack/columns';
import { compileMatcher } from '../../lib/pack/slot-index';

describe('database migrations keep readers’ data', () => {
  it('version 1 → now splits each slot index into directory and names and keeps its strings as columns, losing nothing', async () => {
    const name = `migration-${Date.now()}`;
    // A database as version 1 of Siyaq left it.
    const v1 = new Dexie(name);
    v1.version(1).stores(STORES_V1);
    const full = {
      slot: 3,
      packId: 'siyaq.default',
      entityIds: ['Q794'],
      labelsAr: ['إيران'],
      labelsEn: ['Iran'],
      types: new Uint8Array([1]),
      subtypes: ['country'],
      eventIds: [],
      eventDates: [],
      eventsByEntity: new Map(),
      aliasKeys: ['ايران'],
      aliasTexts: ['إيران'],
      aliasEntity: new Uint32Array([0]),
      aliasFlags: new Uint8Array([6]),
      cues: [['سلطنه']],
      subtypeCues: {},
      related: [null],
      namesEn: ['Iran'],
      salience: new Float32Array([0.9]),
    };
    await v1.table('slotIndex').put(full);
    await v1.table('packs').put({ id: 'siyaq.default', slot: 3 });
    v1.close();

    const v2 = new SiyaqDatabase(name);
    const dir = (await v2.slotIndex.get(3))!;
    const names = (await v2.slotNames.get(3))!;
    expect(dir).toMatchObject({ slot: 3, packId: 'siyaq.default' });
    expect(dir).not.toHaveProperty('aliasKeys');
    const values = (c: StringColumn) => [...columnValues(c)];
    expect([dir.entityIds, dir.labelsAr, dir.labelsEn, dir.subtypes, dir.eventIds].map(values)).toEqual([['Q794'], ['إيران'], ['Iran'], ['country'], []]);
    expect([names.aliasTexts, names.namesEn].map(values)).toEqual([['إيران'], ['Iran']]);
    expect(names).not.toHaveProperty('aliasKeys');
    expect(columnListAt(names.cues, 0)).toEqual(['سلطنه']);
    expect(columnListAt(names.related, 0)).toEqual([]);
    expect(await v2.packs.get('siyaq.default')).toMatchObject({ slot: 3 });
    // What the matcher is compiled from reads the same after the migration.
    const g = new Gazetteer(compileMatcher([{ ...dir, ...names }]));
    expect(g.entityId(0)).toBe('Q794');
    v2.close();
    await Dexie.delete(name);
  });

  it('version 2 → 3 keeps each row as its JSON text', async () => {
    const name = `migration3-${Date.now()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores({ slotNames: '&slot' });
    const iran = { id: 'Q794', type: 'place', label: { ar: 'إيران', en: 'Iran' } };
    await v2.table('chunks').put({ slot: 1, kind: 'e', n: 0, rows: [iran] });
    v2.close();
    const v3 = new SiyaqDatabase(name);
    expect((await v3.chunks.get([1, 'e', 0]))?.rows).toEqual([JSON.stringify(iran)]);
    v3.close();
    await Dexie.delete(name);
  });
});
