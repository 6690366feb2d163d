/**
 * The extension's IndexedDB database. Owned by the background: content scripts never open it
 * (they cannot: they see the page's IndexedDB); extension pages read only through the
 * repository functions in this folder.
 *
 * Storage model (docs/adr/0003-pack-storage.md): every import writes into a fresh "slot".
 * Rows live in chunks of CHUNK_ROWS (fewer, larger rows import several times faster than one row
 * per entity). A pack points at one slot; an import or update switches the pointer in one
 * transaction, so a failed, interrupted or killed import leaves the previous slot untouched.
 * Slots no pack points at are garbage, collected at start and after each switch.
 *
 * Every `version(n)` stays here with its upgrade; never edit an old one.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import { toColumn, toListColumn } from '../pack/columns';
import type { PackMeta } from '../pack/format';
import type { SlotIndex } from '../pack/slot-index';

export const DB_NAME = 'siyaq';
export const CHUNK_ROWS = 256;

export type PackSourceKind = 'bundled' | 'file' | 'url';

export interface PackRecord {
  id: string;
  meta: PackMeta;
  slot: number;
  enabled: boolean;
  source: { kind: PackSourceKind; name?: string; url?: string };
  installedAt: string;
  updatedAt: string;
  /** Size of the pack's JSON text. */
  bytes: number;
  /** Rows per chunk in this slot (older slots: 128). */
  chunkRows?: number;
  /** Chunk rows written for this slot (integrity check). */
  chunkCounts: { entities: number; events: number };
  /** Checksum recomputed over the rows as stored. */
  checksum: string;
  /** Higher wins when two packs describe the same entity. */
  priority: number;
  status: 'ok' | 'damaged';
  problem?: string;
  lastUpdateCheck?: { at: string; available?: string; error?: string };
}

export interface ChunkRecord {
  slot: number;
  /** 'e' entities, 'v' events. */
  kind: 'e' | 'v';
  n: number;
  /** Each row's JSON text as the pack wrote it (parsed on demand: a card reads one row). */
  rows: string[];
}

/** What a card needs of a slot: ids in row order, labels, types, which events involve whom. */
export type SlotDirectory = Pick<
  SlotIndex,
  'slot' | 'packId' | 'entityIds' | 'labelsAr' | 'labelsEn' | 'types' | 'subtypes' | 'eventIds' | 'eventDates' | 'eventsByEntity'
>;
/** What the matcher and search need of a slot: names, flags, cues, relations. */
export type SlotNames = Pick<SlotIndex, 'slot' | 'aliasTexts' | 'aliasEntity' | 'aliasFlags' | 'cues' | 'subtypeCues' | 'related' | 'namesEn' | 'salience'>;

const NAME_FIELDS = ['aliasTexts', 'aliasEntity', 'aliasFlags', 'cues', 'subtypeCues', 'related', 'namesEn', 'salience'] as const;

/** A slot index as stored: two records, so a cold card lookup reads only the small one. */
export function splitSlotIndex(index: SlotIndex): { dir: SlotDirectory; names: SlotNames } {
  const dir = { ...index } as Partial<SlotIndex>;
  const names = { slot: index.slot } as Record<string, unknown>;
  for (const k of NAME_FIELDS) {
    names[k] = index[k];
    delete dir[k];
  }
  return { dir: dir as SlotDirectory, names: names as unknown as SlotNames };
}

export interface MatcherRecord {
  key: 'main';
  blob: ArrayBuffer;
  /** Slots compiled in, in precedence order: the matcher is stale if the enabled packs differ. */
  slots: number[];
  entityCount: number;
  aliasCount: number;
  builtAt: string;
}

/** Slots being written by an import that has not committed yet. */
export interface StagingRecord {
  slot: number;
  packId: string;
  startedAt: string;
}

export interface UploadRecord {
  id?: number;
  name: string;
  blob: Blob;
  addedAt: string;
}

export interface ExportRecord {
  id?: number;
  packId: string;
  name: string;
  blob: Blob;
  createdAt: string;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

/** The tables of version 1 (kept as they were: migrations start from them). */
export const STORES_V1 = {
  packs: '&id, slot',
  chunks: '[slot+kind+n]',
  slotIndex: '&slot',
  matcher: '&key',
  staging: '&slot',
  uploads: '++id',
  exports: '++id',
  kv: '&key',
} as const;

export class SiyaqDatabase extends Dexie {
  packs!: EntityTable<PackRecord, 'id'>;
  chunks!: Table<ChunkRecord, [number, string, number]>;
  slotIndex!: EntityTable<SlotDirectory, 'slot'>;
  slotNames!: EntityTable<SlotNames, 'slot'>;
  matcher!: EntityTable<MatcherRecord, 'key'>;
  staging!: EntityTable<StagingRecord, 'slot'>;
  uploads!: EntityTable<UploadRecord, 'id'>;
  exports!: EntityTable<ExportRecord, 'id'>;
  kv!: EntityTable<KeyValue, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(STORES_V1);
    // 2: the slot index splits in two (directory for cards, names for matcher and search), so a
    // service worker woken by a hover reads a fraction of it.
    this.version(2)
      .stores({ slotNames: '&slot' })
      .upgrade(async (tx) => {
        const recs = (await tx.table('slotIndex').toArray()) as SlotIndex[];
        const parts = recs.map(splitSlotIndex);
        await tx.table('slotNames').bulkPut(parts.map((p) => p.names));
        await tx.table('slotIndex').bulkPut(parts.map((p) => p.dir));
      });
    // 3: rows are kept as their JSON text (cloning strings into IndexedDB is several times cheaper
    // than cloning objects, and the integrity check hashes exactly what the pack declared).
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('chunks')
          .toCollection()
          .modify((c: { rows: unknown[] }) => {
            c.rows = c.rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
          });
      });
    // 4: the slot index keeps its strings in columns (a few long strings and an offset array, not
    // one string each): a 100k-entity pack imports in a fraction of the memory
    // (docs/adr/0005-import-memory.md).
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        for (const table of ['slotIndex', 'slotNames'])
          await tx
            .table(table)
            .toCollection()
            .modify((r: Record<string, unknown>) => void toColumns(r));
      });
  }
}

const STRING_FIELDS = ['entityIds', 'labelsAr', 'labelsEn', 'subtypes', 'eventIds', 'eventDates', 'aliasTexts', 'namesEn'];
const LIST_FIELDS = ['cues', 'related'];

/** A slot index record of versions 1-3 (arrays of strings) in place as columns. */
export function toColumns(r: Record<string, unknown>): Record<string, unknown> {
  // Keys are computed from the texts now (the normalized text is the key).
  if ('aliasKeys' in r) {
    if (!Array.isArray(r['aliasTexts'])) r['aliasTexts'] = r['aliasKeys'];
    delete r['aliasKeys'];
  }
  for (const k of STRING_FIELDS) {
    const v = r[k];
    // namesEn was one string per entity with the names joined by "\n": the list encoding already.
    if (Array.isArray(v)) r[k] = toColumn(v.map((x) => (typeof x === 'string' ? x : '')));
  }
  for (const k of LIST_FIELDS) {
    const v = r[k];
    if (Array.isArray(v)) r[k] = toListColumn(v.map((x) => (Array.isArray(x) ? x.filter((y): y is string => typeof y === 'string') : null)));
  }
  return r;
}

let shared: SiyaqDatabase | undefined;

/** The database of this extension context (reopened if the browser closed it under us). */
export function db(): SiyaqDatabase {
  if (!shared) {
    shared = new SiyaqDatabase();
    // A worker woken after idle can find the connection closed (Dexie #1805); reopen lazily.
    shared.on('close', () => {
      shared = undefined;
    });
  }
  return shared;
}

/** For tests: use another database (fake-indexeddb) or reset. */
export function useDatabase(d: SiyaqDatabase | undefined): void {
  shared = d;
}
