/**
 * Importing a pack: stream -> rows -> validated -> written into a fresh slot -> one commit.
 *
 * Atomic by construction: rows go into a slot no pack points at; only the final transaction
 * points the pack at it (and swaps the matcher). Anything before that (a malformed row, a
 * closed page, a killed service worker, a full disk) leaves a half-written slot that garbage
 * collection removes, and every pack as it was.
 */
import { toColumn } from '../pack/columns';
import { PackError, type PackErrorCode } from '../pack/errors';
import type { SlotIndex } from '../pack/slot-index';
import { PackReader } from '../pack/reader';
import { PackSizeError, packText } from '../pack/stream';
import { compareVersions } from '../pack/version';
import { CHUNK_ROWS, db, splitSlotIndex, type ChunkRecord, type PackRecord } from './database';
import { allocateSlot, buildMatcherFor, collectGarbage, releaseSlot } from './slots';

export { PackError as ImportError };
export type ImportErrorCode = PackErrorCode;

export interface ImportProgress {
  phase: 'reading' | 'indexing' | 'committing' | 'cleaning';
  bytesRead: number;
  bytesTotal?: number;
  entities: number;
  events: number;
}

export interface ImportInput {
  stream: ReadableStream<Uint8Array>;
  totalBytes?: number;
  source: PackRecord['source'];
  /** Update: the pack must have this id and a newer version than the installed one. */
  updateOf?: string;
  /** Abort from outside (e.g. the page that asked went away). */
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string }; message?: string } | undefined;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError' || /quota/i.test(err?.message ?? '');
}

/** Chunk writes in flight while reading goes on, and chunks per write. */
const WRITES_IN_FLIGHT = 4;
const CHUNKS_PER_WRITE = 4;

/**
 * Writes a slot's index and returns what the matcher compile needs of it: the columns only cards
 * and search read (English names, events) are left to the stored copy, not held through the
 * compile.
 */
async function storeIndex(index: SlotIndex): Promise<SlotIndex> {
  const d = db();
  const { dir, names } = splitSlotIndex(index);
  await d.transaction('rw', [d.slotIndex, d.slotNames], async () => {
    await d.slotIndex.put(dir);
    await d.slotNames.put(names);
  });
  const none = toColumn([]);
  return { ...index, labelsEn: none, namesEn: none, eventIds: none, eventDates: none, eventsByEntity: new Map() };
}

export async function importPack(input: ImportInput): Promise<PackRecord> {
  const slot = await allocateSlot('(importing)');
  try {
    const record = await importIntoSlot(input, slot);
    releaseSlot(slot);
    void collectGarbage().catch(() => undefined);
    return record;
  } catch (e) {
    releaseSlot(slot);
    // Best effort now; start-up garbage collection catches whatever this misses.
    await collectGarbage().catch(() => undefined);
    if (e instanceof PackError) throw e;
    if (e instanceof PackSizeError) throw new PackError(e.message, e.code);
    if (isQuotaError(e)) throw new PackError('there is not enough storage space for this pack; nothing was changed', 'storage-full');
    if ((e as Error)?.name === 'AbortError' || input.signal?.aborted) throw new PackError('the import was interrupted; nothing was changed', 'interrupted');
    throw new PackError(`the import failed: ${(e as Error)?.message ?? String(e)}; nothing was changed`, 'invalid');
  }
}

async function importIntoSlot(input: ImportInput, slot: number): Promise<PackRecord> {
  const d = db();
  const text = packText(input.stream);
  let entityBuf: string[] = [];
  let eventBuf: string[] = [];
  let entityChunks = 0;
  let eventChunks = 0;
  let pending: ChunkRecord[] = [];
  const inFlight: Promise<unknown>[] = [];
  let writeError: unknown;

  const cut = (kind: 'e' | 'v') => {
    if (kind === 'e' && entityBuf.length) {
      pending.push({ slot, kind, n: entityChunks++, rows: entityBuf });
      entityBuf = [];
    } else if (kind === 'v' && eventBuf.length) {
      pending.push({ slot, kind, n: eventChunks++, rows: eventBuf });
      eventBuf = [];
    }
  };
  const flush = async (all: boolean) => {
    if (pending.length && (all || pending.length >= CHUNKS_PER_WRITE)) {
      const batch = pending;
      pending = [];
      inFlight.push(
        d.chunks.bulkPut(batch).catch((e: unknown) => {
          writeError ??= e;
        }),
      );
    }
    while (inFlight.length > (all ? 0 : WRITES_IN_FLIGHT)) await inFlight.shift();
    if (writeError) throw writeError;
  };

  const reader = new PackReader(slot, {
    entity(_e, json) {
      entityBuf.push(json);
      if (entityBuf.length >= CHUNK_ROWS) cut('e');
    },
    event(_e, json) {
      if (entityBuf.length) cut('e');
      eventBuf.push(json);
      if (eventBuf.length >= CHUNK_ROWS) cut('v');
    },
  });

  const progress = (phase: ImportProgress['phase']) =>
    input.onProgress?.({
      phase,
      bytesRead: text.bytesRead(),
      ...(input.totalBytes ? { bytesTotal: input.totalBytes } : {}),
      entities: reader.entityCount,
      events: reader.eventCount,
    });
  let lastReport = 0;
  for await (const chunk of text.chunks) {
    if (input.signal?.aborted) throw new PackError('the import was interrupted; nothing was changed', 'interrupted');
    reader.push(chunk);
    if (pending.length >= CHUNKS_PER_WRITE) await flush(false);
    const now = Date.now();
    if (now - lastReport > 100) {
      lastReport = now;
      progress('reading');
    }
  }
  const { meta, checksum, index: built } = reader.end();
  cut('e');
  cut('v');
  await flush(true);

  progress('committing');
  // The slot's index goes in now, before the matcher is compiled: its serialized copy is gone by
  // the time the compile needs memory. Nothing points at the slot yet, so a failure from here on
  // still leaves garbage for collection, not a changed pack.
  const index = await storeIndex(built);
  const now = new Date().toISOString();
  // Compile the matcher for the packs as they will be after the switch; if another task changed
  // the packs meanwhile, compile again.
  for (let attempt = 0; ; attempt++) {
    const before = await d.packs.toArray();
    const prev = before.find((p) => p.id === meta.id);
    if (input.updateOf && input.updateOf !== meta.id) throw new PackError(`this file is the pack "${meta.id}", not "${input.updateOf}"`, 'wrong-pack');
    if (input.updateOf && prev && compareVersions(meta.version, prev.meta.version) <= 0)
      throw new PackError(`version ${meta.version} is not newer than the installed ${prev.meta.version}`, 'not-newer');
    // A plain import may re-install the same version (a repair) but not silently go back.
    if (!input.updateOf && prev && compareVersions(meta.version, prev.meta.version) < 0)
      throw new PackError(
        `version ${meta.version} is older than the installed ${prev.meta.version}; delete the pack first to go back to an older version`,
        'not-newer',
      );
    const record: PackRecord = {
      id: meta.id,
      meta,
      slot,
      enabled: prev?.enabled ?? true,
      source: input.source,
      installedAt: prev?.installedAt ?? now,
      updatedAt: now,
      bytes: text.jsonBytes(),
      chunkRows: CHUNK_ROWS,
      chunkCounts: { entities: entityChunks, events: eventChunks },
      checksum,
      priority: prev?.priority ?? (input.source.kind === 'bundled' ? 0 : Date.now()),
      status: 'ok',
    };
    const after = [...before.filter((p) => p.id !== meta.id), record];
    const matcher = await buildMatcherFor(after, index);
    const committed = await d.transaction('rw', [d.packs, d.matcher, d.staging], async () => {
      const again = await d.packs.toArray();
      const same =
        again.length === before.length &&
        again.every((p) => before.some((q) => q.id === p.id && q.slot === p.slot && q.enabled === p.enabled && q.status === p.status));
      if (!same) return false;
      await d.packs.put(record);
      await d.matcher.put(matcher);
      await d.staging.delete(slot);
      return true;
    });
    if (committed) {
      progress('cleaning');
      return record;
    }
    if (attempt > 3) throw new PackError('the packs kept changing during the import; try again', 'interrupted');
  }
}
