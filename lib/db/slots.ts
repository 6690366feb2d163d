/**
 * Slots: where an import writes its rows. Allocation, garbage collection of slots no pack points
 * at, and the combined matcher over the enabled packs.
 */
import Dexie from 'dexie';
import { Gazetteer } from '../match/gazetteer';
import { compileMatcherAsync, type SlotIndex } from '../pack/slot-index';
import { db, type MatcherRecord, type PackRecord } from './database';

/** A slot's whole index (directory and names), or undefined when either part is missing. */
export async function readSlotIndex(slot: number): Promise<SlotIndex | undefined> {
  const d = db();
  const [dir, names] = await Promise.all([d.slotIndex.get(slot), d.slotNames.get(slot)]);
  return dir && names ? { ...dir, ...names } : undefined;
}

/** Slots being written by an import in this context (not garbage even though unreferenced). */
const writing = new Set<number>();

export function activeSlots(): ReadonlySet<number> {
  return writing;
}

export async function allocateSlot(packId: string): Promise<number> {
  const d = db();
  const slot = await d.transaction('rw', [d.kv, d.staging], async () => {
    const cur = await d.kv.get('nextSlot');
    const next = typeof cur?.value === 'number' ? cur.value : 1;
    await d.kv.put({ key: 'nextSlot', value: next + 1 });
    await d.staging.put({ slot: next, packId, startedAt: new Date().toISOString() });
    return next;
  });
  writing.add(slot);
  return slot;
}

export function releaseSlot(slot: number): void {
  writing.delete(slot);
}

/** Packs in merge precedence: higher priority first (user packs over the bundled one). */
export function byPrecedence(packs: readonly PackRecord[]): PackRecord[] {
  return [...packs].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
}

/** Compiles the matcher for the enabled packs of `packs`, using `fresh` for a slot not stored yet. */
export async function buildMatcherFor(packs: readonly PackRecord[], fresh?: SlotIndex): Promise<MatcherRecord> {
  const enabled = byPrecedence(packs.filter((p) => p.enabled && p.status !== 'damaged'));
  const indices: SlotIndex[] = [];
  for (const p of enabled) {
    const idx = fresh && fresh.slot === p.slot ? fresh : await readSlotIndex(p.slot);
    if (idx) indices.push(idx);
  }
  const blob = await compileMatcherAsync(indices);
  const g = new Gazetteer(blob);
  return { key: 'main', blob, slots: indices.map((i) => i.slot), entityCount: g.entityCount, aliasCount: g.aliasCount, builtAt: new Date().toISOString() };
}

/** Rebuilds and stores the matcher for the packs as they are now. */
export async function rebuildMatcher(): Promise<MatcherRecord> {
  const d = db();
  const packs = await d.packs.toArray();
  const m = await buildMatcherFor(packs);
  await d.matcher.put(m);
  return m;
}

async function deleteSlotRows(slot: number, onProgress?: (done: number, total: number) => void): Promise<void> {
  const d = db();
  // [slot, minKey] .. [slot, maxKey] spans every [slot, kind, n]; one bound object per key (IndexedDB
  // refuses a key that holds the same array twice).
  const range = d.chunks.where('[slot+kind+n]').between([slot, Dexie.minKey], [slot, Dexie.maxKey]);
  const total = await range.count();
  let done = 0;
  // Delete in batches so a large pack frees space with visible progress and short transactions.
  for (;;) {
    const keys = await d.chunks.where('[slot+kind+n]').between([slot, Dexie.minKey], [slot, Dexie.maxKey]).limit(64).primaryKeys();
    if (keys.length === 0) break;
    await d.chunks.bulkDelete(keys);
    done += keys.length;
    onProgress?.(done, total);
  }
  await d.slotIndex.delete(slot);
  await d.slotNames.delete(slot);
  await d.staging.delete(slot);
}

/** Removes every slot that no pack points at and no running import is writing. */
export async function collectGarbage(onProgress?: (done: number, total: number) => void): Promise<number> {
  const d = db();
  const packs = await d.packs.toArray();
  const live = new Set(packs.map((p) => p.slot));
  const slots = new Set<number>();
  for (const s of await d.staging.toCollection().primaryKeys()) slots.add(s);
  for (const s of await d.slotIndex.toCollection().primaryKeys()) slots.add(s);
  for (const s of await d.slotNames.toCollection().primaryKeys()) slots.add(s);
  // Chunks of a slot without index or staging record (e.g. a crash between commits): hop from
  // slot to slot along the primary key.
  const firstKeyAbove = async (slot: number): Promise<number | undefined> => {
    const keys = (await d.chunks.where('[slot+kind+n]').above([slot, Dexie.maxKey]).limit(1).primaryKeys()) as [number, string, number][];
    return keys[0]?.[0];
  };
  for (let s = await firstKeyAbove(-Infinity); s !== undefined; s = await firstKeyAbove(s)) slots.add(s);
  // Uploads and exports nobody collected (a page closed at the wrong moment).
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  await d.uploads.filter((u) => u.addedAt < hourAgo).delete();
  await d.exports.filter((x) => x.createdAt < hourAgo).delete();
  let removed = 0;
  for (const s of slots) {
    if (live.has(s) || writing.has(s)) continue;
    await deleteSlotRows(s, onProgress);
    removed++;
  }
  return removed;
}

export { deleteSlotRows };
