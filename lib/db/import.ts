/**
 * Importing a pack: stream -> rows -> validated -> written into a fresh slot -> one commit.
 *
 * Atomic by construction: rows go into a slot no pack points at; only the final transaction
 * points the pack at it (and swaps the matcher). Anything before that (a malformed row, a
 * closed page, a killed service worker, a full disk) leaves a half-written slot that garbage
 * collection removes, and every pack as it was.
 */
import Dexie from 'dexie';
import { Checksum } from '../pack/checksum';
import { FORMAT, FORMAT_VERSION, LIMITS, entitySchema, eventSchema, headerSchema, metaSchema, type PackEntity, type PackEvent, type PackMeta } from '../pack/format';
import { JsonRowError, PackRowReader } from '../pack/jsonrows';
import { SlotIndexBuilder } from '../pack/slot-index';
import { PackSizeError, packText } from '../pack/stream';
import { validate, type Issue } from '../schema/schema';
import { compareVersions } from '../pack/version';
import { CHUNK_ROWS, db, type ChunkRecord, type PackRecord } from './database';
import { activeSlots, allocateSlot, buildMatcherFor, collectGarbage, releaseSlot } from './slots';

export type ImportErrorCode = 'invalid' | 'too-large' | 'bomb' | 'encoding' | 'storage-full' | 'interrupted' | 'not-newer' | 'wrong-pack' | 'network' | 'permission';

export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode,
    /** For validation errors: the 1-based row within its list, the list, and the field path. */
    readonly where?: { list?: string; row?: number; id?: string; field?: string },
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

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

function describe(list: string, row: number, id: string | undefined, issue: Issue): ImportError {
  const field = issue.path.replace(/^[^.[]*/, '').replace(/^\./, '');
  const what = `${list === 'entities' ? 'entity' : 'event'} ${row}${id ? ` (id "${id}")` : ''}`;
  return new ImportError(`${what}: ${field ? `field ${field}` : 'the row'} ${issue.message}`, 'invalid', { list, row, ...(id ? { id } : {}), ...(field ? { field } : {}) });
}

/** How many chunk writes may be in flight while reading goes on. */
const WRITES_IN_FLIGHT = 4;
const CHUNKS_PER_WRITE = 4;

export async function importPack(input: ImportInput): Promise<PackRecord> {
  const d = db();
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
    if (e instanceof ImportError) throw e;
    if (e instanceof PackSizeError) throw new ImportError(e.message, e.code);
    if (e instanceof JsonRowError) throw new ImportError(`the file is not a valid pack: ${e.message}`, 'invalid');
    if (isQuotaError(e)) throw new ImportError('there is not enough storage space for this pack; nothing was changed', 'storage-full');
    if ((e as Error)?.name === 'AbortError' || input.signal?.aborted) throw new ImportError('the import was interrupted; nothing was changed', 'interrupted');
    throw new ImportError(`the import failed: ${(e as Error)?.message ?? String(e)}`, 'invalid');
  } finally {
    void d;
  }
}

async function importIntoSlot(input: ImportInput, slot: number): Promise<PackRecord> {
  const d = db();
  const text = packText(input.stream);
  const checksum = new Checksum();
  // Entities must all precede events in the checksum; packs list them in that order, and an
  // out-of-order file is refused rather than buffered.
  let sawEvents = false;
  let builder: SlotIndexBuilder | undefined = new SlotIndexBuilder(slot, '');
  let meta: PackMeta | undefined;
  const header: Record<string, unknown> = {};
  let entityBuf: PackEntity[] = [];
  let eventBuf: PackEvent[] = [];
  let entityChunks = 0;
  let eventChunks = 0;
  let pendingChunks: ChunkRecord[] = [];
  const inFlight: Promise<unknown>[] = [];
  let writeError: unknown;

  const flushPending = async (force: boolean) => {
    if (pendingChunks.length && (force || pendingChunks.length >= CHUNKS_PER_WRITE)) {
      const batch = pendingChunks;
      pendingChunks = [];
      const p = d.chunks.bulkPut(batch).catch((e: unknown) => {
        writeError ??= e;
      });
      inFlight.push(p);
    }
    while (inFlight.length > (force ? 0 : WRITES_IN_FLIGHT)) await inFlight.shift();
    if (writeError) throw writeError;
  };
  const cut = (kind: 'e' | 'v') => {
    if (kind === 'e' && entityBuf.length) {
      pendingChunks.push({ slot, kind, n: entityChunks++, rows: entityBuf });
      entityBuf = [];
    } else if (kind === 'v' && eventBuf.length) {
      pendingChunks.push({ slot, kind, n: eventChunks++, rows: eventBuf });
      eventBuf = [];
    }
  };

  const reader = new PackRowReader(
    ['entities', 'events'],
    (key, index, json) => {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (e) {
        throw new ImportError(`${key === 'entities' ? 'entity' : key === 'events' ? 'event' : `field "${key}"`}${index >= 0 ? ` ${index + 1}` : ''}: not valid JSON (${(e as Error).message})`, 'invalid');
      }
      if (key === 'entities' || key === 'events') {
        const isEntity = key === 'entities';
        const row = index + 1;
        const idOf = (v: unknown) => (typeof v === 'object' && v && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : undefined);
        const r = isEntity ? validate(entitySchema, value, key) : validate(eventSchema, value, key);
        if (!r.ok) throw describe(key, row, idOf(value), r.issues[0]!);
        if (isEntity) {
          if (sawEvents) throw new ImportError('"entities" must come before "events" in a pack', 'invalid');
          if (index >= LIMITS.entities) throw new ImportError(`the pack has more than ${LIMITS.entities} entities`, 'too-large');
          const dup = builder!.addEntity(value as PackEntity);
          if (dup) throw new ImportError(`entity ${row}: ${dup}`, 'invalid', { list: key, row, id: (value as PackEntity).id });
          checksum.row(value);
          entityBuf.push(value as PackEntity);
          if (entityBuf.length >= CHUNK_ROWS) cut('e');
        } else {
          sawEvents = true;
          if (index >= LIMITS.events) throw new ImportError(`the pack has more than ${LIMITS.events} events`, 'too-large');
          const ev = value as PackEvent;
          if (ev.end && ev.end < ev.date) throw new ImportError(`event ${row} (id "${ev.id}"): field end is before date`, 'invalid', { list: key, row, id: ev.id, field: 'end' });
          const dup = builder!.addEvent(ev);
          if (dup) throw new ImportError(`event ${row}: ${dup}`, 'invalid', { list: key, row, id: ev.id });
          checksum.row(value);
          eventBuf.push(ev);
          if (eventBuf.length >= CHUNK_ROWS) cut('v');
        }
      } else if (key === 'pack') {
        const r = validate(metaSchema, value, 'pack');
        if (!r.ok) throw new ImportError(`pack metadata: field ${r.issues[0]!.path.replace(/^pack\.?/, '') || '(pack)'} ${r.issues[0]!.message}`, 'invalid', { list: 'pack', field: r.issues[0]!.path });
        meta = r.value as PackMeta;
      } else if (key === 'format' || key === 'formatVersion') {
        header[key] = value;
      } else throw new ImportError(`the pack has an unknown top-level field "${key}"`, 'invalid');
    },
    LIMITS.rowChars,
  );

  const progress = (phase: ImportProgress['phase']) =>
    input.onProgress?.({
      phase,
      bytesRead: text.bytesRead(),
      ...(input.totalBytes ? { bytesTotal: input.totalBytes } : {}),
      entities: builder?.entityCount ?? 0,
      events: builder?.eventCount ?? 0,
    });
  let lastReport = 0;
  for await (const chunk of text.chunks) {
    if (input.signal?.aborted) throw new ImportError('the import was interrupted; nothing was changed', 'interrupted');
    reader.push(chunk);
    if (pendingChunks.length >= CHUNKS_PER_WRITE) await flushPending(false);
    const now = Date.now();
    if (now - lastReport > 100) {
      lastReport = now;
      progress('reading');
    }
  }
  reader.end();
  cut('e');
  cut('v');
  await flushPending(true);

  const h = validate(headerSchema, header);
  if (!h.ok) {
    const missing = !('format' in header) ? 'it has no "format" field' : `${h.issues[0]!.path} ${h.issues[0]!.message}`;
    throw new ImportError(`this is not a Siyaq pack (${missing}; expected "format": "${FORMAT}", "formatVersion": ${FORMAT_VERSION})`, 'invalid');
  }
  if (!meta) throw new ImportError('the pack has no "pack" metadata', 'invalid');
  const b = builder;
  if (meta.counts.entities !== b.entityCount || meta.counts.events !== b.eventCount)
    throw new ImportError(`the pack says it has ${meta.counts.entities} entities and ${meta.counts.events} events but holds ${b.entityCount} and ${b.eventCount} (truncated or edited?)`, 'invalid', { list: 'pack', field: 'counts' });
  const sum = checksum.digest();
  if (sum !== meta.checksum) throw new ImportError(`the pack's checksum does not match its contents (declared ${meta.checksum}, computed ${sum}): the file is damaged or was edited`, 'invalid', { list: 'pack', field: 'checksum' });

  progress('indexing');
  // The builder was created before the id was known; give the index its pack id.
  b.setMeta(meta);
  const index = { ...b.build(), packId: meta.id };
  builder = undefined;

  progress('committing');
  const now = new Date().toISOString();
  const bytes = text.jsonBytes();
  // Compile the matcher for the packs that will be enabled after the switch; retry if another
  // task changed them meanwhile.
  for (let attempt = 0; ; attempt++) {
    const before = await d.packs.toArray();
    const prev = before.find((p) => p.id === meta!.id);
    if (input.updateOf && input.updateOf !== meta.id) throw new ImportError(`this file is the pack "${meta.id}", not "${input.updateOf}"`, 'wrong-pack');
    if (input.updateOf && prev && compareVersions(meta.version, prev.meta.version) <= 0)
      throw new ImportError(`version ${meta.version} is not newer than the installed ${prev.meta.version}`, 'not-newer');
    const record: PackRecord = {
      id: meta.id,
      meta,
      slot,
      enabled: prev?.enabled ?? true,
      source: input.source,
      installedAt: prev?.installedAt ?? now,
      updatedAt: now,
      bytes,
      chunkCounts: { entities: entityChunks, events: eventChunks },
      checksum: sum,
      priority: prev?.priority ?? (input.source.kind === 'bundled' ? 0 : Date.now()),
      status: 'ok',
    };
    const after = [...before.filter((p) => p.id !== meta!.id), record];
    const matcher = await buildMatcherFor(after, index);
    const committed = await d.transaction('rw', [d.packs, d.slotIndex, d.matcher, d.staging], async () => {
      const again = await d.packs.toArray();
      const same = again.length === before.length && again.every((p) => before.some((q) => q.id === p.id && q.slot === p.slot && q.enabled === p.enabled));
      if (!same) return false;
      await d.slotIndex.put(index);
      await d.packs.put(record);
      await d.matcher.put(matcher);
      await d.staging.delete(slot);
      return true;
    });
    if (committed) {
      progress('cleaning');
      return record;
    }
    if (attempt > 3) throw new ImportError('the packs kept changing during the import; try again', 'interrupted');
  }
}

export { activeSlots, Dexie };
