/**
 * Test packs built in memory: real Arabic rows, meta.counts and meta.checksum computed the way a
 * pack author's tool does, the document as JSON text or gzipped bytes, and byte streams that can
 * arrive in small pieces or break off midway (an interrupted download, a killed worker).
 */
import { gzipSync } from 'node:zlib';
import { packChecksum } from '../../../lib/pack/checksum';
import { FORMAT, FORMAT_VERSION, type Pack, type PackEntity, type PackEvent, type PackMeta } from '../../../lib/pack/format';

export const IRAN: PackEntity = {
  id: 'Q794',
  type: 'place',
  subtype: 'country',
  label: { ar: 'إيران', en: 'Iran' },
  aliases: [{ ar: 'الجمهورية الإسلامية الإيرانية' }],
  aliasesEn: ['Islamic Republic of Iran'],
  adjectives: ['إيراني'],
  description: { ar: 'دولة في غرب آسيا عاصمتها طهران', en: 'Country in Western Asia' },
  facts: [
    { key: 'capital', ref: 'Q3616', text: { ar: 'طهران', en: 'Tehran' } },
    { key: 'population', num: 89_000_000, year: 2023 },
  ],
  salience: 0.9,
  links: { wikidata: 'https://www.wikidata.org/wiki/Q794', wikipedia_ar: 'https://ar.wikipedia.org/wiki/إيران' },
};

/** Oman: عمان is also the city Amman and a common word, so the bare name needs evidence. */
export const OMAN: PackEntity = {
  id: 'Q842',
  type: 'place',
  subtype: 'country',
  label: { ar: 'عمان', en: 'Oman' },
  standalone: false,
  aliases: [{ ar: 'سلطنة عمان' }],
  adjectives: ['عماني'],
  cues: ['سلطنة'],
  facts: [{ key: 'capital', ref: 'Q3826', text: { ar: 'مسقط', en: 'Muscat' } }],
  salience: 0.6,
};

/** A fictional country: no real text can mention it by accident. */
export const ZUMURRUDISTAN: PackEntity = {
  id: 'siyaq:zumurrudistan',
  type: 'place',
  subtype: 'country',
  label: { ar: 'زمردستان', en: 'Zumurrudistan' },
  aliases: [{ ar: 'جمهورية زمردستان' }],
  adjectives: ['زمردستاني'],
  salience: 0.5,
};

export const MUSCAT_TALKS: PackEvent = {
  id: 'siyaq:ev-muscat-talks-2025',
  date: '2025-04-12',
  precision: 'day',
  title: { ar: 'محادثات مسقط بين إيران والولايات المتحدة', en: 'Muscat talks between Iran and the US' },
  entities: [
    { id: 'Q794', role: 'طرف' },
    { id: 'Q842', role: 'وسيط' },
  ],
  place: 'Q842',
};

export const IRAN_ELECTION: PackEvent = {
  id: 'siyaq:ev-iran-election-2024',
  date: '2024-06-28',
  end: '2024-07-05',
  title: { ar: 'الانتخابات الرئاسية الإيرانية', en: 'Iranian presidential election' },
  entities: [{ id: 'Q794' }],
};

export interface PackOptions {
  id?: string;
  version?: string;
  entities?: readonly PackEntity[];
  events?: readonly PackEvent[];
  meta?: Partial<PackMeta>;
}

/** Metadata for these rows, with the counts and checksum they really have. */
export function metaFor(entities: readonly unknown[], events: readonly unknown[], over: Partial<PackMeta> = {}): PackMeta {
  return {
    id: 'test.gulf',
    name: { ar: 'حزمة الخليج التجريبية', en: 'Gulf test pack' },
    version: '2025.1.0',
    licenses: [{ name: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
    created: '2025-01-15',
    counts: { entities: entities.length, events: events.length },
    checksum: packChecksum(entities, events),
    ...over,
  };
}

/** A valid pack (Iran, Oman and two events unless told otherwise). */
export function makePack(o: PackOptions = {}): Pack {
  const entities = [...(o.entities ?? [IRAN, OMAN])];
  const events = [...(o.events ?? [MUSCAT_TALKS, IRAN_ELECTION])];
  const over: Partial<PackMeta> = { ...(o.id ? { id: o.id } : {}), ...(o.version ? { version: o.version } : {}), ...o.meta };
  return { format: FORMAT, formatVersion: FORMAT_VERSION, pack: metaFor(entities, events, over), entities, events };
}

/**
 * A pack document from parts given as raw JSON text, so a test can put anything in a row.
 * `head` replaces the "format"/"formatVersion" fields (without the braces).
 */
export function documentText(parts: { head?: string; meta: unknown; entities: readonly string[]; events: readonly string[]; tail?: string }): string {
  const head = parts.head ?? `"format":${JSON.stringify(FORMAT)},"formatVersion":${FORMAT_VERSION}`;
  return (
    `{${head}${head ? ',' : ''}\n"pack":${JSON.stringify(parts.meta)},\n"entities":[\n${parts.entities.join(',\n')}\n],\n"events":[\n${parts.events.join(',\n')}\n]` +
    `${parts.tail ?? ''}}\n`
  );
}

/** The pack as a JSON document, one row a line (as a pack builder writes it). */
export function packJson(p: Pack): string {
  return documentText({ meta: p.pack, entities: p.entities.map((e) => JSON.stringify(e)), events: p.events.map((e) => JSON.stringify(e)) });
}

/** `n` small generated entities (Arabic labels), for packs that span several stored chunks. */
export function manyEntities(n: number, prefix = 'siyaq:place-'): PackEntity[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    type: 'place' as const,
    subtype: 'city' as const,
    label: { ar: `قرية رقم ${i + 1}` },
  }));
}

export const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);
export const gzip = (data: string | Uint8Array): Uint8Array<ArrayBuffer> => Uint8Array.from(gzipSync(typeof data === 'string' ? utf8(data) : data));

export interface StreamOptions {
  /** Bytes per chunk (default: all at once). */
  chunkSize?: number;
  /** Error the stream once this many bytes have been delivered (an interrupted download). */
  failAfter?: number;
  /** The error to fail with. */
  error?: unknown;
  /** Stop delivering (never close) after this many bytes: a download whose worker was killed. */
  stallAfter?: number;
}

/** A byte stream of a string (UTF-8) or bytes, pulled chunk by chunk. */
export function streamOf(data: string | Uint8Array, o: StreamOptions = {}): ReadableStream<Uint8Array> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  const size = Math.max(1, o.chunkSize ?? bytes.length);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (o.failAfter !== undefined && at >= o.failAfter) {
        ctrl.error(o.error ?? new Error('the connection was lost'));
        return;
      }
      if (o.stallAfter !== undefined && at >= o.stallAfter) return new Promise<void>(() => undefined);
      if (at >= bytes.length) {
        ctrl.close();
        return;
      }
      let end = Math.min(bytes.length, at + size);
      if (o.failAfter !== undefined) end = Math.min(end, Math.max(o.failAfter, at + 1));
      if (o.stallAfter !== undefined) end = Math.min(end, Math.max(o.stallAfter, at + 1));
      ctrl.enqueue(bytes.slice(at, end));
      at = end;
    },
  });
}

/** A stream fed by the test: push bytes, then close or fail it when the test decides. */
export function controlledStream(): { stream: ReadableStream<Uint8Array>; push(b: Uint8Array): void; close(): void; fail(e: unknown): void } {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      ctrl = c;
    },
  });
  return { stream, push: (b) => ctrl.enqueue(b), close: () => ctrl.close(), fail: (e) => ctrl.error(e) };
}

/** Collects an async iterable of strings. */
export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

/** Runs a promise expected to reject and returns the error (fails the test if it resolves). */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, but it succeeded');
}
