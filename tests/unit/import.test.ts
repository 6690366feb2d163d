import Dexie from 'dexie';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_ROWS, SiyaqDatabase, db, useDatabase, type PackRecord } from '../../lib/db/database';
import { importPack, type ImportInput, type ImportProgress } from '../../lib/db/import';
import {
  deletePack,
  entityRows,
  eventsInvolving,
  exportPack,
  getPack,
  invalidateCaches,
  listPacks,
  putUpload,
  setPackEnabled,
  takeExport,
  takeUpload,
  verifyPack,
} from '../../lib/db/packs';
import { activeSlots, collectGarbage, releaseSlot } from '../../lib/db/slots';
import { annotate } from '../../lib/match/annotate';
import { Gazetteer } from '../../lib/match/gazetteer';
import { columnValues } from '../../lib/pack/columns';
import { PackError } from '../../lib/pack/errors';
import type { Pack, PackEntity } from '../../lib/pack/format';
import { readPackText } from '../../lib/pack/reader';
import {
  IRAN,
  IRAN_ELECTION,
  MUSCAT_TALKS,
  OMAN,
  ZUMURRUDISTAN,
  controlledStream,
  documentText,
  gzip,
  makePack,
  manyEntities,
  packJson,
  rejection,
  streamOf,
  utf8,
} from './helpers/packs';

/**
 * lib/db/slots.ts builds range keys like [slot, Dexie.maxKey, Dexie.maxKey]: the same array
 * object twice in one key. Chromium and Firefox accept that (they only refuse an array that
 * contains itself), but the IndexedDB spec's "convert a value to a key" never forgets an array it
 * has seen, and fake-indexeddb follows it: DataError, so garbage collection and deleting could
 * not run here at all. Give each use of Dexie.maxKey its own (equal) array, as a browser would
 * treat them; the test at the end of this file shows the problem itself.
 */
const maxKeyDescriptor = Object.getOwnPropertyDescriptor(Dexie, 'maxKey')!;
const browserLikeMaxKey = (): void => {
  Object.defineProperty(Dexie, 'maxKey', { get: () => [[]], configurable: true, enumerable: true });
};
beforeAll(browserLikeMaxKey);
afterAll(() => {
  Object.defineProperty(Dexie, 'maxKey', maxKeyDescriptor);
});

let n = 0;
let database: SiyaqDatabase;

beforeEach(async () => {
  n++;
  database = new SiyaqDatabase(`test-${n}`);
  useDatabase(database);
  invalidateCaches();
  // Slot numbers unique across tests, so a garbage collection an earlier test left running can
  // never touch this test's slots.
  await database.kv.put({ key: 'nextSlot', value: n * 1000 });
});

afterEach(async () => {
  useDatabase(undefined);
  await database.delete();
});

const file = (name = 'gulf.json'): PackRecord['source'] => ({ kind: 'file', name });

/** Imports a pack (object, text or bytes) and waits for the clean-up that follows. */
async function install(p: Pack | string | Uint8Array, extra: Partial<ImportInput> = {}): Promise<PackRecord> {
  const data = typeof p === 'string' || p instanceof Uint8Array ? p : packJson(p);
  const rec = await importPack({ stream: streamOf(data, { chunkSize: 4096 }), source: file(), ...extra });
  await collectGarbage();
  invalidateCaches(); // as the background does after an import (packsChanged)
  return rec;
}

/** Everything an import may touch (kv only holds the slot counter). */
async function tables() {
  const d = db();
  return {
    packs: await d.packs.toArray(),
    chunks: await d.chunks.toArray(),
    slotIndex: await d.slotIndex.toArray(),
    slotNames: await d.slotNames.toArray(),
    matcher: (await d.matcher.toArray()).map((m) => ({ ...m, blob: new Uint8Array(m.blob) })),
    staging: await d.staging.toArray(),
    uploads: await d.uploads.toArray(),
    exports: await d.exports.toArray(),
  };
}

async function chunkSlots(): Promise<number[]> {
  const keys = (await db().chunks.toCollection().primaryKeys()) as [number, string, number][];
  return [...new Set(keys.map((k) => k[0]))].sort((a, b) => a - b);
}

async function gazetteer(): Promise<Gazetteer> {
  const rec = await db().matcher.get('main');
  expect(rec).toBeDefined();
  return new Gazetteer(rec!.blob);
}

/** The names the stored matcher finds in a text, with the entity each names. */
async function found(text: string): Promise<[string, string][]> {
  return annotate(await gazetteer(), text).map((m) => [m.text, m.entityId]);
}

const NEWS = 'أعلنت إيران أن الحكومة الإيرانية سترسل وفدا إلى سلطنة عمان، ثم إلى زمردستان.';

describe('importing a pack', () => {
  it('lists the pack with its counts and compiles the matcher that finds its names', async () => {
    const p = makePack();
    const progress: ImportProgress['phase'][] = [];
    const rec = await install(p, { onProgress: (x) => progress.push(x.phase) });
    expect(rec).toMatchObject({ id: 'test.gulf', enabled: true, status: 'ok', checksum: p.pack.checksum, source: { kind: 'file', name: 'gulf.json' } });
    const list = await listPacks();
    expect(list).toHaveLength(1);
    expect(list[0]!.meta).toEqual(p.pack);
    expect(list[0]!.meta.counts).toEqual({ entities: 2, events: 2 });
    expect(list[0]!.chunkCounts).toEqual({ entities: 1, events: 1 });
    expect(list[0]!.bytes).toBe(utf8(packJson(p)).length);
    expect(progress.slice(-2)).toEqual(['committing', 'cleaning']);

    const m = await db().matcher.get('main');
    expect(m).toMatchObject({ slots: [rec.slot], entityCount: 2 });
    expect(await found(NEWS)).toEqual([
      ['إيران', 'Q794'],
      ['الإيرانية', 'Q794'],
      ['سلطنة عمان', 'Q842'],
    ]);
    // عمان alone is also Amman and an ordinary word: the pack says it needs evidence.
    expect(await found('زار الوزير عمان أمس.')).toEqual([]);
    expect(await db().staging.count()).toBe(0);
    const dir = await db().slotIndex.get(rec.slot);
    expect(dir?.packId).toBe('test.gulf');
    expect([...columnValues(dir!.entityIds)]).toEqual(['Q794', 'Q842']);
  });

  it('reads a gzipped pack arriving in small pieces', async () => {
    const p = makePack({ entities: [IRAN, OMAN, ZUMURRUDISTAN] });
    const rec = await importPack({ stream: streamOf(gzip(packJson(p)), { chunkSize: 50 }), source: file('gulf.json.gz') });
    expect(rec.meta.counts.entities).toBe(3);
    expect(await found('وصل الوفد إلى زمردستان')).toEqual([['زمردستان', 'siyaq:zumurrudistan']]);
  });

  it('stores a large pack in chunks and finds any row by id', async () => {
    const entities = [IRAN, ...manyEntities(3 * CHUNK_ROWS + 5)];
    const rec = await install(makePack({ entities, events: [MUSCAT_TALKS] }));
    expect(rec.chunkCounts).toEqual({ entities: 4, events: 1 });
    for (const id of ['Q794', `siyaq:place-${CHUNK_ROWS}`, `siyaq:place-${CHUNK_ROWS + 1}`, `siyaq:place-${3 * CHUNK_ROWS + 4}`]) {
      const rows = await entityRows(id);
      expect(rows.map((r) => r.entity)).toEqual([entities.find((e) => e.id === id)]);
    }
    expect(await entityRows(`siyaq:place-${3 * CHUNK_ROWS + 6}`)).toEqual([]);
  });

  it('eventsInvolving returns the events of an entity, from every enabled pack', async () => {
    await install(makePack());
    const ofOman = await eventsInvolving(['Q842']);
    expect(ofOman).toEqual([{ packId: 'test.gulf', event: MUSCAT_TALKS }]);
    const ofIran = await eventsInvolving(['Q794']);
    expect(ofIran.map((x) => x.event.id)).toEqual([MUSCAT_TALKS.id, IRAN_ELECTION.id]);
    expect(await eventsInvolving(['Q794', 'Q842'])).toHaveLength(2);
    expect(await eventsInvolving(['siyaq:zumurrudistan'])).toEqual([]);
  });
});

describe('a failed import changes nothing', () => {
  async function installBase() {
    await install(makePack({ id: 'test.base', entities: [IRAN, OMAN] }));
    await install(makePack({ id: 'test.fiction', entities: [ZUMURRUDISTAN], events: [] }));
    return tables();
  }

  it.each([
    ['row 2 (before any chunk is written)', 2],
    [`row ${4 * CHUNK_ROWS + 50} (after chunks were written)`, 4 * CHUNK_ROWS + 50],
  ])('a bad %s: PackError names the row and field; packs, chunks, slot index and matcher are as before', async (_, bad) => {
    const before = await installBase();
    const rows = manyEntities(4 * CHUNK_ROWS + 60).map((e) => JSON.stringify(e));
    rows[bad - 1] = JSON.stringify({ ...OMAN, id: `siyaq:place-${bad}`, label: { ar: 7 } });
    const text = documentText({ meta: makePack({ id: 'test.base', version: '2026.1.0' }).pack, entities: rows, events: [] });
    const e = await rejection(install(text));
    expect(e).toBeInstanceOf(PackError);
    expect((e as PackError).code).toBe('invalid');
    expect((e as PackError).where).toEqual({ list: 'entities', row: bad, id: `siyaq:place-${bad}`, field: 'label.ar' });
    expect((e as PackError).message).toBe(`entity ${bad} (id "siyaq:place-${bad}"): field label.ar must be text, got 7`);
    expect(await tables()).toEqual(before);
    await collectGarbage();
    expect(await tables()).toEqual(before);
    expect(await chunkSlots()).toEqual(before.packs.map((p) => p.slot).sort((a, b) => a - b));
    expect(await found(NEWS)).toEqual([
      ['إيران', 'Q794'],
      ['الإيرانية', 'Q794'],
      ['سلطنة عمان', 'Q842'],
      ['زمردستان', 'siyaq:zumurrudistan'],
    ]);
  });

  it('a download that breaks off midway rejects and leaves everything as before', async () => {
    const before = await installBase();
    const text = packJson(makePack({ id: 'test.base', version: '2026.1.0', entities: manyEntities(6 * CHUNK_ROWS) }));
    // A browser's fetch body fails with TypeError("network error").
    const lost = new TypeError('network error');
    const e = await rejection(
      importPack({ stream: streamOf(text, { chunkSize: 1024, failAfter: Math.floor(text.length * 0.8), error: lost }), source: file() }),
    );
    expect(e).toBeInstanceOf(PackError);
    expect((e as PackError).message).toBe('the import failed: network error; nothing was changed');
    await collectGarbage();
    expect(await tables()).toEqual(before);
    // Gzipped, the cut is reported as a truncated file.
    const gz = gzip(text);
    const e2 = await rejection(importPack({ stream: streamOf(gz, { chunkSize: 256, failAfter: gz.length >> 1, error: lost }), source: file() }));
    expect(e2).toBeInstanceOf(PackError);
    await collectGarbage();
    expect(await tables()).toEqual(before);
  });

  it('a closed page (AbortError from the stream or the signal) is reported as interrupted', async () => {
    const before = await installBase();
    const text = packJson(makePack({ id: 'test.big', entities: manyEntities(6 * CHUNK_ROWS) }));
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    const e1 = await rejection(importPack({ stream: streamOf(text, { chunkSize: 1024, failAfter: text.length >> 1, error: aborted }), source: file() }));
    expect(e1).toMatchObject({ code: 'interrupted', message: 'the import was interrupted; nothing was changed' });

    const ctl = new AbortController();
    const s = controlledStream();
    const bytes = utf8(text);
    const running = importPack({ stream: s.stream, source: file(), signal: ctl.signal });
    s.push(bytes.slice(0, bytes.length >> 1));
    ctl.abort();
    s.push(bytes.slice(bytes.length >> 1));
    s.close();
    expect(await rejection(running)).toMatchObject({ code: 'interrupted' });
    await collectGarbage();
    expect(await tables()).toEqual(before);
  });

  it('an import whose worker was killed leaves a partial slot that garbage collection removes', async () => {
    const before = await installBase();
    const bytes = utf8(packJson(makePack({ id: 'test.base', version: '2026.1.0', entities: manyEntities(10 * CHUNK_ROWS) })));
    const s = controlledStream();
    const running = importPack({ stream: s.stream, source: file() });
    running.catch(() => undefined);
    s.push(bytes.slice(0, Math.floor(bytes.length * 0.7)));
    // Wait until the import has written some of its chunks, then "kill" it: it never continues.
    const known = new Set(before.packs.map((p) => p.slot));
    for (let i = 0; i < 500 && (await chunkSlots()).every((x) => known.has(x)); i++) await new Promise((r) => setTimeout(r, 2));
    const partial = (await chunkSlots()).filter((x) => !known.has(x));
    expect(partial).toHaveLength(1);
    expect(await db().staging.get(partial[0]!)).toMatchObject({ slot: partial[0] });
    const now = await tables();
    expect(now.packs).toEqual(before.packs);
    expect(now.matcher).toEqual(before.matcher);
    expect(now.slotIndex).toEqual(before.slotIndex);

    // While it is being written, the slot is not garbage.
    await collectGarbage();
    expect(await chunkSlots()).toContain(partial[0]);
    // A new worker starts: nothing is writing any more, and start-up GC frees the partial slot.
    const writing = [...activeSlots()];
    for (const slot of writing) releaseSlot(slot);
    await collectGarbage();
    expect(await tables()).toEqual(before);
    expect(await chunkSlots()).not.toContain(partial[0]);

    // Let the orphaned import end (its own clean-up finds nothing left).
    s.fail(new DOMException('killed', 'AbortError'));
    expect(await rejection(running)).toMatchObject({ code: 'interrupted' });
    expect(await tables()).toEqual(before);
  });
});

describe('garbage collection', () => {
  it('removes chunks of a slot that has neither index nor staging record (a crash between commits)', async () => {
    const rec = await install(makePack());
    await db().chunks.bulkPut([
      { slot: 5, kind: 'e', n: 0, rows: [JSON.stringify(ZUMURRUDISTAN)] },
      { slot: rec.slot + 7, kind: 'v', n: 3, rows: [JSON.stringify(MUSCAT_TALKS)] },
    ]);
    expect(await chunkSlots()).toEqual([5, rec.slot, rec.slot + 7]);
    expect(await collectGarbage()).toBe(2);
    expect(await chunkSlots()).toEqual([rec.slot]);
    expect(await verifyPack('test.gulf', { full: true })).toEqual({ ok: true });
  });
});

describe('updating a pack', () => {
  it('re-imports a newer version in place and garbage-collects the old slot', async () => {
    const v1 = await install(makePack({ version: '2025.1.0' }));
    const oldSlot = v1.slot;
    await setPackEnabled('test.gulf', false);
    const v2 = await install(makePack({ version: '2025.10.0', entities: [IRAN, OMAN, ZUMURRUDISTAN] }), { updateOf: 'test.gulf' });
    expect(v2.slot).not.toBe(oldSlot);
    const list = await listPacks();
    expect(list.map((p) => [p.id, p.meta.version, p.meta.counts.entities, p.slot])).toEqual([['test.gulf', '2025.10.0', 3, v2.slot]]);
    // What the reader chose stays: still disabled, same install date.
    expect(list[0]).toMatchObject({ enabled: false, installedAt: v1.installedAt });
    expect(await chunkSlots()).toEqual([v2.slot]);
    expect(await db().slotIndex.get(oldSlot)).toBeUndefined();
    expect(await db().chunks.where('[slot+kind+n]').between([oldSlot, Dexie.minKey], [oldSlot, Dexie.maxKey]).count()).toBe(0);
  });

  it.each([
    ['the same version', '2025.1.0'],
    ['an older version', '2024.12.31'],
  ])('with %s is refused as not-newer and changes nothing', async (_, version) => {
    await install(makePack({ version: '2025.1.0' }));
    const before = await tables();
    const e = await rejection(install(makePack({ version, entities: [IRAN] }), { updateOf: 'test.gulf' }));
    expect(e).toBeInstanceOf(PackError);
    expect(e).toMatchObject({ code: 'not-newer', message: `version ${version} is not newer than the installed 2025.1.0` });
    expect(await tables()).toEqual(before);
  });

  it('with another pack is refused as wrong-pack and changes nothing', async () => {
    await install(makePack({ version: '2025.1.0' }));
    const before = await tables();
    const e = await rejection(install(makePack({ id: 'test.other', version: '2026.1.0' }), { updateOf: 'test.gulf' }));
    expect(e).toMatchObject({ code: 'wrong-pack', message: 'this file is the pack "test.other", not "test.gulf"' });
    expect(await tables()).toEqual(before);
  });
});

describe('managing packs', () => {
  it('disabling a pack takes its names out of the matcher; enabling brings them back', async () => {
    await install(makePack({ id: 'test.gulf' }));
    await install(makePack({ id: 'test.fiction', entities: [ZUMURRUDISTAN], events: [] }));
    expect((await found(NEWS)).map((x) => x[0])).toEqual(['إيران', 'الإيرانية', 'سلطنة عمان', 'زمردستان']);
    await setPackEnabled('test.gulf', false);
    expect(await found(NEWS)).toEqual([['زمردستان', 'siyaq:zumurrudistan']]);
    expect(await entityRows('Q794')).toEqual([]);
    await setPackEnabled('test.gulf', true);
    expect((await found(NEWS)).map((x) => x[0])).toEqual(['إيران', 'الإيرانية', 'سلطنة عمان', 'زمردستان']);
    expect((await entityRows('Q794')).map((r) => r.packId)).toEqual(['test.gulf']);
  });

  it('deleting a pack removes it, its chunks and its slot index', async () => {
    const gulf = await install(makePack({ id: 'test.gulf', entities: [IRAN, OMAN, ...manyEntities(CHUNK_ROWS * 2)] }));
    const fiction = await install(makePack({ id: 'test.fiction', entities: [ZUMURRUDISTAN], events: [] }));
    const progress: number[] = [];
    await deletePack('test.gulf', (done) => progress.push(done));
    expect((await listPacks()).map((p) => p.id)).toEqual(['test.fiction']);
    expect(await getPack('test.gulf')).toBeUndefined();
    expect(await chunkSlots()).toEqual([fiction.slot]);
    expect(await db().slotIndex.get(gulf.slot)).toBeUndefined();
    expect(progress.at(-1)).toBe(4); // 3 entity chunks and 1 event chunk
    expect(await found(NEWS)).toEqual([['زمردستان', 'siyaq:zumurrudistan']]);
    await expect(deletePack('test.gulf')).rejects.toThrow('no pack "test.gulf"');
  });

  it('two packs describing the same entity merge: both rows in precedence order, one entity in the matcher', async () => {
    const bundledIran: PackEntity = { ...IRAN, aliases: [] };
    const userIran: PackEntity = {
      ...IRAN,
      label: { ar: 'إيران', en: 'Iran (user pack)' },
      aliases: [{ ar: 'بلاد فارس' }],
      description: { ar: 'وصف من حزمة المستخدم' },
    };
    await install(makePack({ id: 'siyaq.default', entities: [bundledIran, OMAN] }), { source: { kind: 'bundled' } });
    await install(makePack({ id: 'user.iran', entities: [userIran], events: [] }), { source: file('iran.json') });
    expect((await listPacks()).map((p) => p.id)).toEqual(['user.iran', 'siyaq.default']);
    const rows = await entityRows('Q794');
    expect(rows.map((r) => [r.packId, r.entity])).toEqual([
      ['user.iran', userIran],
      ['siyaq.default', bundledIran],
    ]);
    expect(rows[0]!.packName).toBe('حزمة الخليج التجريبية');
    const g = await gazetteer();
    expect(g.entityCount).toBe(2); // Q794 once, Q842
    expect(await found('تاريخ بلاد فارس وإيران')).toEqual([
      ['بلاد فارس', 'Q794'],
      ['إيران', 'Q794'],
    ]);
  });
});

describe('verifying a stored pack', () => {
  it('detects a deleted chunk and marks the pack damaged', async () => {
    const rec = await install(makePack({ entities: [IRAN, OMAN, ...manyEntities(CHUNK_ROWS + 1)] }));
    expect(await verifyPack('test.gulf', { full: true })).toEqual({ ok: true });
    await db().chunks.delete([rec.slot, 'e', 1]);
    const r = await verifyPack('test.gulf', { full: false });
    expect(r).toEqual({ ok: false, problem: 'stored rows are missing (1/2 entity chunks, 1/1 event chunks)' });
    expect(await getPack('test.gulf')).toMatchObject({ status: 'damaged', problem: r.problem });
    // A damaged pack is out of the matcher.
    expect((await db().matcher.get('main'))!.entityCount).toBe(0);
  });

  it('detects a tampered row only with {full: true}, by its checksum', async () => {
    const rec = await install(makePack());
    const chunk = (await db().chunks.get([rec.slot, 'e', 0]))!;
    chunk.rows[0] = chunk.rows[0]!.replace('"إيران"', '"إيرانستان"');
    expect(chunk.rows[0]).toContain('إيرانستان');
    await db().chunks.put(chunk);
    expect(await verifyPack('test.gulf', { full: false })).toEqual({ ok: true });
    expect(await verifyPack('test.gulf', { full: true })).toEqual({ ok: false, problem: 'its contents no longer match its checksum' });
    expect(await getPack('test.gulf')).toMatchObject({ status: 'damaged', problem: 'its contents no longer match its checksum' });
  });

  it('reports a pack that is not installed', async () => {
    expect(await verifyPack('test.none', { full: true })).toEqual({ ok: false, problem: 'not installed' });
  });
});

describe('export, uploads', () => {
  it('exportPack -> takeExport gives a .json.gz that re-imports with the same checksum and counts', async () => {
    const p = makePack({ entities: [IRAN, OMAN, ZUMURRUDISTAN, ...manyEntities(CHUNK_ROWS + 3)] });
    const first = await install(p);
    const ex = await exportPack('test.gulf');
    expect(ex.name).toBe('test.gulf-2025.1.0.json.gz');
    const taken = await takeExport(ex.exportId);
    expect(taken?.name).toBe(ex.name);
    expect(taken!.blob.size).toBe(ex.bytes);
    expect(await takeExport(ex.exportId)).toBeUndefined();
    const bytes = new Uint8Array(await taken!.blob.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const read = readPackText(gunzipSync(bytes).toString('utf8'));
    expect(read.entities).toEqual(p.entities);
    expect(read.events).toEqual(p.events);

    await deletePack('test.gulf');
    const again = await install(bytes);
    expect(again.meta.checksum).toBe(first.meta.checksum);
    expect(again.checksum).toBe(first.checksum);
    expect(again.meta.counts).toEqual(first.meta.counts);
    expect(again.chunkCounts).toEqual(first.chunkCounts);
  });

  it('putUpload -> takeUpload hands the file back once', async () => {
    const blob = new Blob([gzip(packJson(makePack()))], { type: 'application/gzip' });
    const id = await putUpload('حزمة.json.gz', blob);
    const up = await takeUpload(id);
    expect(up?.name).toBe('حزمة.json.gz');
    expect(new Uint8Array(await up!.blob.arrayBuffer())).toEqual(new Uint8Array(await blob.arrayBuffer()));
    expect(await takeUpload(id)).toBeUndefined();
    // The upload is what the background imports.
    const rec = await importPack({ stream: up!.blob.stream(), source: file(up!.name) });
    expect(rec.meta.counts).toEqual({ entities: 2, events: 2 });
  });
});

describe('IndexedDB key conversion as the spec writes it', () => {
  // Bug (lib/db/slots.ts lines 63, 68, 89): [slot, Dexie.maxKey, Dexie.maxKey] repeats one array
  // object, which spec-literal IndexedDB (fake-indexeddb, the unit-test database) refuses with
  // DataError; garbage collection and deletePack then fail. [slot, Dexie.maxKey] (and
  // [slot, Dexie.minKey]) bound the same keys without the repetition.
  it('collectGarbage works with the one shared Dexie.maxKey array', async () => {
    await install(makePack());
    Object.defineProperty(Dexie, 'maxKey', maxKeyDescriptor);
    let error: unknown;
    try {
      await collectGarbage();
    } catch (e) {
      error = e;
    } finally {
      browserLikeMaxKey();
    }
    expect(error && `${(error as Error).name}: ${(error as Error).message}`).toBeUndefined();
  });
});
