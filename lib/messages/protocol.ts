/**
 * The one message protocol between the extension's parts. The background registers a handler
 * per request type; content scripts and pages call `request()`. Every payload is validated at
 * the background's edge against the schemas here (types, sizes), and requests that change data
 * are accepted only from the extension's own pages, never from a content script: a page can
 * drive its content script, so a content script is as trusted as the page (docs/security.md).
 */
import type { EntityCard } from '../card/types';
import type { PackRecord } from '../db/database';
import type { ImportProgress } from '../db/import';
import type { EntityType } from '../match/types';
import { array, boolean, number, object, oneOf, optional, string, type Schema } from '../schema/schema';
import { settingsSchema, type Settings } from '../settings';

const id = string({ min: 1, max: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,127}$/, patternText: 'must be an id' });
const day = string({ min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternText: 'must be YYYY-MM-DD' });
const origin = string({ min: 8, max: 300, pattern: /^https?:\/\/[^/\s]+$/, patternText: 'must be an origin' });

/** Limits on what a content script may send in one request. */
export const MESSAGE_LIMITS = {
  blocks: 4000,
  blockChars: 200_000,
  totalChars: 2_000_000,
  pageEntities: 500,
} as const;

/** A mention on the wire: [start, end, entityId, adjective ? 1 : 0, confidence, alternatives]. */
export type WireMention = [number, number, string, 0 | 1, number, string[]];

export interface SearchResult {
  id: string;
  label: { ar: string; en?: string };
  type: EntityType;
  subtype?: string;
  /** The name that matched (an alias or adjective form), when not the label. */
  matched?: string;
  score: number;
}

export interface TaskState {
  id: string;
  kind: 'import' | 'update' | 'delete' | 'export' | 'verify';
  packId?: string;
  label: string;
  progress?: ImportProgress | { phase: 'deleting'; done: number; total: number };
  done: boolean;
  error?: { message: string; code?: string; where?: { list?: string; row?: number; id?: string; field?: string } };
}

export interface PacksOverview {
  packs: PackRecord[];
  storage: { usage?: number; quota?: number; persisted?: boolean };
  tasks: TaskState[];
  matcher?: { entityCount: number; aliasCount: number; bytes: number };
}

export interface ContentStatus {
  /** The reader has not turned Siyaq off for this site. */
  enabled: boolean;
  /** Siyaq runs here: not turned off, and a default site or one the reader turned on with its permission. */
  active: boolean;
  settings: Pick<Settings, 'trigger' | 'dwellMs' | 'showMs' | 'graceMs' | 'highlight' | 'adjectives' | 'language' | 'showAmbiguous'>;
  /** True when no usable pack is installed. */
  empty: boolean;
}

/** Every request: its payload schema, its result type, and who may send it. */
export const REQUESTS = {
  annotate: {
    from: 'any',
    payload: object({
      blocks: array(string({ max: MESSAGE_LIMITS.blockChars }), { max: MESSAGE_LIMITS.blocks }),
      /** Entities already found on this page (one sense per document across batches). */
      context: optional(array(id, { max: MESSAGE_LIMITS.pageEntities })),
    }),
  },
  card: {
    from: 'any',
    payload: object({
      id,
      asOf: day,
      page: array(id, { max: MESSAGE_LIMITS.pageEntities }),
      alternatives: optional(array(id, { max: 10 })),
      all: optional(boolean()),
    }),
  },
  status: { from: 'any', payload: object({ origin }) },
  timeline: { from: 'any', payload: object({ id, asOf: day }) },
  search: { from: 'page', payload: object({ query: string({ max: 200 }), limit: optional(number({ integer: true, min: 1, max: 100 })) }) },
  'packs.list': { from: 'page', payload: object({}) },
  'packs.import': {
    from: 'page',
    payload: object({
      from: oneOf(['upload', 'url'] as const),
      uploadId: optional(number({ integer: true, min: 1 })),
      url: optional(string({ min: 9, max: 2048, pattern: /^https:\/\/\S+$/, patternText: 'must be an https URL' })),
    }),
  },
  'packs.update': { from: 'page', payload: object({ id, check: optional(boolean()) }) },
  'packs.delete': { from: 'page', payload: object({ id }) },
  'packs.enable': { from: 'page', payload: object({ id, enabled: boolean() }) },
  'packs.export': { from: 'page', payload: object({ id }) },
  'packs.verify': { from: 'page', payload: object({ id }) },
  'packs.reimport': { from: 'page', payload: object({ id }) },
  'settings.get': { from: 'page', payload: object({}) },
  'settings.set': { from: 'page', payload: object({ settings: settingsSchema }) },
  'site.set': { from: 'page', payload: object({ origin, enabled: boolean() }) },
  ping: { from: 'any', payload: object({}) },
} as const satisfies Record<string, { from: 'any' | 'page'; payload: Schema<unknown> }>;

export type RequestType = keyof typeof REQUESTS;
export type Payload<T extends RequestType> = (typeof REQUESTS)[T]['payload'] extends Schema<infer P> ? P : never;

export interface Results {
  annotate: { mentions: WireMention[][]; labels: Record<string, { ar: string; en?: string; type: EntityType }> };
  card: EntityCard | null;
  status: ContentStatus;
  timeline: { opened: boolean };
  search: { results: SearchResult[]; tookMs: number };
  'packs.list': PacksOverview;
  'packs.import': { taskId: string };
  'packs.update': {
    taskId?: string;
    available?: string;
    current: string;
    upToDate?: boolean;
    /** Where the new version would be downloaded from (the page asks for this origin's permission). */
    packOrigin?: string;
  };
  'packs.delete': { taskId: string };
  'packs.enable': { ok: true };
  'packs.export': { exportId: number; name: string };
  'packs.verify': { ok: boolean; problem?: string };
  'packs.reimport': { taskId: string };
  'settings.get': Settings;
  'settings.set': Settings;
  'site.set': { enabled: boolean; active: boolean };
  ping: { pong: true };
}

export interface RequestMessage<T extends RequestType = RequestType> {
  siyaq: 1;
  type: T;
  payload: Payload<T>;
}

export type Reply<T extends RequestType> = { ok: true; value: Results[T] } | { ok: false; error: string; code?: string };

/** Messages the background sends to extension pages (not to content scripts). */
export type Broadcast = { siyaq: 1; type: 'task'; task: TaskState } | { siyaq: 1; type: 'packs.changed' };

/** Messages extension pages send to the content script of a tab. */
export type TabMessage = { siyaq: 1; type: 'page.mentions' } | { siyaq: 1; type: 'page.reveal'; id: string } | { siyaq: 1; type: 'page.refresh' };

export interface PageMentionSummary {
  entities: { id: string; label: string; labelEn?: string; type: EntityType; count: number }[];
  asOf: string;
}
