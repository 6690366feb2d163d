/**
 * Repository functions over the packs: listing, enabling, deleting, exporting, verifying, and
 * reading entities and events for cards and search. The background calls these; nothing else
 * touches the tables directly.
 */
import Dexie from 'dexie';
import { Checksum } from '../pack/checksum';
import { columnAt, columnLength } from '../pack/columns';
import { FORMAT, FORMAT_VERSION, type PackEntity, type PackEvent } from '../pack/format';
import type { SlotIndex } from '../pack/slot-index';
import type { SlotDirectory } from './database';
import { db, type ChunkRecord, type PackRecord } from './database';
import { byPrecedence, collectGarbage, rebuildMatcher } from './slots';

export async function listPacks(): Promise<PackRecord[]> {
  return byPrecedence(await db().packs.toArray());
}

export async function getPack(id: string): Promise<PackRecord | undefined> {
  return db().packs.get(id);
}

export async function setPackEnabled(id: string, enabled: boolean): Promise<PackRecord> {
  const d = db();
  const p = await d.packs.get(id);
  if (!p) throw new Error(`no pack "${id}"`);
  await d.packs.update(id, { enabled });
  await rebuildMatcher();
  invalidateCaches();
  return { ...p, enabled };
}

/** Deletes a pack: it disappears at once (one transaction); its rows are freed with progress. */
export async function deletePack(id: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const d = db();
  const p = await d.packs.get(id);
  if (!p) throw new Error(`no pack "${id}"`);
  await d.packs.delete(id);
  await rebuildMatcher();
  invalidateCaches();
  await collectGarbage(onProgress);
}

/** Streams a pack's rows (their JSON text), chunk by chunk, in stored order. */
async function forEachRow(slot: number, kind: 'e' | 'v', total: number, fn: (json: string) => void): Promise<number> {
  let seen = 0;
  for (let n = 0; n < total; n += 8) {
    const chunks = await db()
      .chunks.where('[slot+kind+n]')
      .between([slot, kind, n], [slot, kind, Math.min(total, n + 8)], true, false)
      .toArray();
    for (const c of chunks) for (const r of c.rows) fn(r);
    seen += chunks.length;
  }
  return seen;
}

export interface VerifyResult {
  ok: boolean;
  problem?: string;
}

/**
 * Integrity check: the pack's slot has its index and all its chunks, and the rows' checksum
 * equals the one computed at import (and declared by the pack). Marks the pack damaged or ok.
 */
export async function verifyPack(id: string, opts: { full: boolean }): Promise<VerifyResult> {
  const d = db();
  const p = await d.packs.get(id);
  if (!p) return { ok: false, problem: 'not installed' };
  let problem: string | undefined;
  const [idx, names] = await Promise.all([d.slotIndex.get(p.slot), d.slotNames.get(p.slot)]);
  if (!idx || !names) problem = 'its index is missing';
  if (!problem) {
    const [e, v] = await Promise.all([
      d.chunks.where('[slot+kind+n]').between([p.slot, 'e', Dexie.minKey], [p.slot, 'e', Dexie.maxKey]).count(),
      d.chunks.where('[slot+kind+n]').between([p.slot, 'v', Dexie.minKey], [p.slot, 'v', Dexie.maxKey]).count(),
    ]);
    if (e !== p.chunkCounts.entities || v !== p.chunkCounts.events)
      problem = `stored rows are missing (${e}/${p.chunkCounts.entities} entity chunks, ${v}/${p.chunkCounts.events} event chunks)`;
  }
  if (!problem && opts.full) {
    const sum = new Checksum();
    let entities = 0;
    let events = 0;
    await forEachRow(p.slot, 'e', p.chunkCounts.entities, (r) => {
      sum.rowText(r);
      entities++;
    });
    await forEachRow(p.slot, 'v', p.chunkCounts.events, (r) => {
      sum.rowText(r);
      events++;
    });
    if (entities !== p.meta.counts.entities || events !== p.meta.counts.events)
      problem = `holds ${entities} entities and ${events} events instead of ${p.meta.counts.entities} and ${p.meta.counts.events}`;
    else if (sum.digest() !== p.meta.checksum) problem = 'its contents no longer match its checksum';
  }
  const status = problem ? 'damaged' : 'ok';
  if (status !== p.status || problem !== p.problem) {
    await d.packs.update(id, problem ? { status, problem } : { status, problem: undefined });
    await rebuildMatcher();
    invalidateCaches();
  }
  return problem ? { ok: false, problem } : { ok: true };
}

/** Writes the pack as a .json.gz file into the exports table; returns its id. */
export async function exportPack(id: string): Promise<{ exportId: number; name: string; bytes: number }> {
  const d = db();
  const p = await d.packs.get(id);
  if (!p) throw new Error(`no pack "${id}"`);
  const parts: string[] = [];
  parts.push(`{"format":${JSON.stringify(FORMAT)},"formatVersion":${FORMAT_VERSION},"pack":${JSON.stringify(p.meta)},"entities":[`);
  let first = true;
  // Rows are written back exactly as the pack had them, so the declared checksum still holds.
  const put = (json: string) => {
    parts.push(first ? '\n' : ',\n', json);
    first = false;
  };
  await forEachRow(p.slot, 'e', p.chunkCounts.entities, put);
  parts.push('\n],"events":[');
  first = true;
  await forEachRow(p.slot, 'v', p.chunkCounts.events, put);
  parts.push('\n]}\n');
  const plain = new Blob(parts, { type: 'application/json' });
  const gz = await new Response(plain.stream().pipeThrough(new CompressionStream('gzip'))).blob();
  const name = `${p.id}-${p.meta.version}.json.gz`;
  const exportId = await d.exports.add({ packId: id, name, blob: new Blob([gz], { type: 'application/gzip' }), createdAt: new Date().toISOString() });
  return { exportId: exportId as number, name, bytes: gz.size };
}

/** Hands an export to the page that asked for it, and forgets it. */
export async function takeExport(exportId: number): Promise<{ name: string; blob: Blob } | undefined> {
  const d = db();
  const r = await d.exports.get(exportId);
  if (r) await d.exports.delete(exportId);
  return r ? { name: r.name, blob: r.blob } : undefined;
}

export async function putUpload(name: string, blob: Blob): Promise<number> {
  return (await db().uploads.add({ name, blob, addedAt: new Date().toISOString() })) as number;
}

export async function takeUpload(id: number): Promise<{ name: string; blob: Blob } | undefined> {
  const d = db();
  const r = await d.uploads.get(id);
  if (r) await d.uploads.delete(id);
  return r ? { name: r.name, blob: r.blob } : undefined;
}

// ---- Reading for cards and search -------------------------------------------------------

interface SlotView {
  pack: PackRecord;
  index: SlotDirectory;
  ordinal: Map<string, number>;
}

let views: Promise<SlotView[]> | undefined;
let nameViews: Promise<{ pack: PackRecord; index: SlotIndex }[]> | undefined;
const chunkCache = new Map<string, Promise<ChunkRecord | undefined>>();
const CHUNK_CACHE_MAX = 64;

export function invalidateCaches(): void {
  views = undefined;
  nameViews = undefined;
  chunkCache.clear();
}

/** The enabled, healthy packs in precedence order with their indices (cached). */
export function slotViews(): Promise<SlotView[]> {
  views ??= (async () => {
    const d = db();
    const packs = byPrecedence((await d.packs.toArray()).filter((p) => p.enabled && p.status !== 'damaged'));
    const out: SlotView[] = [];
    for (const pack of packs) {
      const index = await d.slotIndex.get(pack.slot);
      if (!index) continue;
      const ordinal = new Map<string, number>();
      const n = columnLength(index.entityIds);
      for (let i = 0; i < n; i++) ordinal.set(columnAt(index.entityIds, i), i);
      out.push({ pack, index, ordinal });
    }
    return out;
  })();
  views.catch(() => (views = undefined));
  return views;
}

/** The enabled packs with their whole index, names included (for search; cached). */
export function slotNameViews(): Promise<{ pack: PackRecord; index: SlotIndex }[]> {
  nameViews ??= (async () => {
    const out: { pack: PackRecord; index: SlotIndex }[] = [];
    for (const v of await slotViews()) {
      const names = await db().slotNames.get(v.pack.slot);
      if (names) out.push({ pack: v.pack, index: { ...v.index, ...names } });
    }
    return out;
  })();
  nameViews.catch(() => (nameViews = undefined));
  return nameViews;
}

function chunk(slot: number, kind: 'e' | 'v', n: number): Promise<ChunkRecord | undefined> {
  const key = `${slot}:${kind}:${n}`;
  let p = chunkCache.get(key);
  if (!p) {
    p = db().chunks.get([slot, kind, n]);
    chunkCache.set(key, p);
    if (chunkCache.size > CHUNK_CACHE_MAX) chunkCache.delete(chunkCache.keys().next().value!);
  }
  return p;
}

/** Chunk size of slots written before the pack record said it. */
const LEGACY_CHUNK_ROWS = 128;

/** Rows are stored as text; a row parsed once stays parsed while its chunk is cached. */
const parsed = new Map<string, unknown>();
function parseRow(json: string): unknown {
  let v = parsed.get(json);
  if (v === undefined) {
    v = JSON.parse(json) as unknown;
    parsed.set(json, v);
    if (parsed.size > 2048) parsed.delete(parsed.keys().next().value!);
  }
  return v;
}

export interface EntityRow {
  packId: string;
  packName: string;
  entity: PackEntity;
}

/** Every enabled pack's row for an entity id, in precedence order. */
export async function entityRows(id: string): Promise<EntityRow[]> {
  const out: EntityRow[] = [];
  for (const v of await slotViews()) {
    const ord = v.ordinal.get(id);
    if (ord === undefined) continue;
    const per = v.pack.chunkRows ?? LEGACY_CHUNK_ROWS;
    const c = await chunk(v.pack.slot, 'e', Math.floor(ord / per));
    const json = c?.rows[ord % per];
    const row = json === undefined ? undefined : (parseRow(json) as PackEntity);
    if (row && row.id === id) out.push({ packId: v.pack.id, packName: v.pack.meta.name.ar, entity: row });
  }
  return out;
}

/** Events that involve any of the given entities (deduplicated by id, first pack wins). */
export async function eventsInvolving(ids: readonly string[]): Promise<{ packId: string; event: PackEvent }[]> {
  const seen = new Set<string>();
  const out: { packId: string; event: PackEvent }[] = [];
  for (const v of await slotViews()) {
    const rows = new Set<number>();
    for (const id of ids) for (const r of v.index.eventsByEntity.get(id) ?? []) rows.add(r);
    for (const r of [...rows].sort((a, b) => a - b)) {
      const per = v.pack.chunkRows ?? LEGACY_CHUNK_ROWS;
      const c = await chunk(v.pack.slot, 'v', Math.floor(r / per));
      const json = c?.rows[r % per];
      const ev = json === undefined ? undefined : (parseRow(json) as PackEvent);
      if (ev && !seen.has(ev.id)) {
        seen.add(ev.id);
        out.push({ packId: v.pack.id, event: ev });
      }
    }
  }
  return out;
}

export async function loadMatcherRecord() {
  return db().matcher.get('main');
}

export async function storageEstimate(): Promise<{ usage?: number; quota?: number; persisted?: boolean }> {
  const nav = globalThis.navigator as Navigator | undefined;
  if (!nav?.storage?.estimate) return {};
  const [est, persisted] = await Promise.all([nav.storage.estimate(), nav.storage.persisted?.().catch(() => undefined)]);
  return {
    ...(est.usage !== undefined ? { usage: est.usage } : {}),
    ...(est.quota !== undefined ? { quota: est.quota } : {}),
    ...(persisted !== undefined ? { persisted } : {}),
  };
}
