/**
 * Reads a pack document from text chunks: splits rows (jsonrows.ts), parses and validates each
 * against the format, checks ids, order, counts and checksum, and builds the slot index. The
 * importer uses it with a sink that writes chunks to IndexedDB; the command line and tests use
 * it with a sink that keeps rows in memory. Errors name the row and the field.
 */
import { firstDay, lastDay } from '../card/dates';
import { Checksum } from './checksum';
import { PackError } from './errors';
import {
  FORMAT,
  FORMAT_VERSION,
  LIMITS,
  entitySchema,
  eventSchema,
  headerSchema,
  metaSchema,
  type PackEntity,
  type PackEvent,
  type PackFact,
  type PackMeta,
} from './format';
import { JsonRowError, PackRowReader } from './jsonrows';
import { SlotIndexBuilder, type SlotIndex } from './slot-index';
import { validate, type Issue } from '../schema/schema';

export interface PackSink {
  /** A valid row, parsed, and its JSON text as written in the file. */
  entity(e: PackEntity, json: string): void;
  event(e: PackEvent, json: string): void;
}

export interface PackReadResult {
  meta: PackMeta;
  index: SlotIndex;
  checksum: string;
}

function describe(list: 'entities' | 'events', row: number, id: string | undefined, issue: Issue): PackError {
  const field = issue.path.replace(/^[^.[]*/, '').replace(/^\./, '');
  const what = `${list === 'entities' ? 'entity' : 'event'} ${row}${id ? ` (id "${id}")` : ''}`;
  return new PackError(`${what}: ${field ? `field ${field}` : 'the row'} ${issue.message}`, 'invalid', {
    list,
    row,
    ...(id ? { id } : {}),
    ...(field ? { field } : {}),
  });
}

const idOf = (v: unknown) => (typeof v === 'object' && v && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : undefined);

const NO_FACTS: readonly PackFact[] = [];
const DATE_FIELDS = ['date', 'from', 'to'] as const;

/** Days since 1970 of a YYYY-MM-DD (negative years for BCE), for ordering dates as numbers. */
function dayNumber(d: string): number {
  const m = /^(-?\d{4})-(\d{2})-(\d{2})$/.exec(d)!;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.floor(date.getTime() / 86_400_000);
}

/** Calendar check the format's pattern cannot make (no 2023-02-30). */
function realDate(d: string): boolean {
  const m = /^(-?\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return true;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.getUTCDate() === Number(m[3]) && date.getUTCMonth() === Number(m[2]) - 1;
}

export class PackReader {
  private readonly rows: PackRowReader;
  private readonly checksum = new Checksum();
  private readonly builder: SlotIndexBuilder;
  private meta: PackMeta | undefined;
  private readonly header: Record<string, unknown> = {};
  private sawEvents = false;

  constructor(
    slot: number,
    private readonly sink: PackSink,
  ) {
    this.builder = new SlotIndexBuilder(slot, '');
    this.rows = new PackRowReader(['entities', 'events'], (key, index, json) => this.row(key, index, json), LIMITS.rowChars);
  }

  get entityCount(): number {
    return this.builder.entityCount;
  }
  get eventCount(): number {
    return this.builder.eventCount;
  }

  push(chunk: string): void {
    try {
      this.rows.push(chunk);
    } catch (e) {
      if (e instanceof JsonRowError) throw new PackError(`the file is not a valid pack: ${e.message}`, 'invalid');
      throw e;
    }
  }

  private row(key: string, index: number, json: string): void {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (e) {
      const what = key === 'entities' ? `entity ${index + 1}` : key === 'events' ? `event ${index + 1}` : `field "${key}"`;
      throw new PackError(`${what}: not valid JSON (${(e as Error).message})`, 'invalid', { list: key, ...(index >= 0 ? { row: index + 1 } : {}) });
    }
    if (key === 'entities') {
      const row = index + 1;
      if (this.sawEvents) throw new PackError('"entities" must come before "events" in a pack', 'invalid');
      if (index >= LIMITS.entities) throw new PackError(`the pack has more than ${LIMITS.entities} entities`, 'too-large');
      const r = validate(entitySchema, value, key);
      if (!r.ok) throw describe(key, row, idOf(value), r.issues[0]!);
      const e = value as PackEntity;
      const facts = e.facts ?? NO_FACTS;
      for (let i = 0; i < facts.length; i++)
        for (const k of DATE_FIELDS) {
          const f = facts[i]!;
          const d = f[k];
          if (d && !realDate(d))
            throw new PackError(`entity ${row} (id "${e.id}"): field facts[${i}].${k} is not a real date (${d})`, 'invalid', {
              list: key,
              row,
              id: e.id,
              field: `facts[${i}].${k}`,
            });
        }
      const dup = this.builder.addEntity(e);
      if (dup) throw new PackError(`entity ${row}: ${dup}`, 'invalid', { list: key, row, id: e.id, field: 'id' });
      this.checksum.rowText(json);
      this.sink.entity(e, json);
    } else if (key === 'events') {
      const row = index + 1;
      this.sawEvents = true;
      if (index >= LIMITS.events) throw new PackError(`the pack has more than ${LIMITS.events} events`, 'too-large');
      const r = validate(eventSchema, value, key);
      if (!r.ok) throw describe(key, row, idOf(value), r.issues[0]!);
      const ev = value as PackEvent;
      for (const k of ['date', 'end'] as const) {
        const d = ev[k];
        if (d && !realDate(d))
          throw new PackError(`event ${row} (id "${ev.id}"): field ${k} is not a real date (${d})`, 'invalid', { list: key, row, id: ev.id, field: k });
      }
      if (ev.end && dayNumber(lastDay(ev.end)) < dayNumber(firstDay(ev.date)))
        throw new PackError(`event ${row} (id "${ev.id}"): field end is before date`, 'invalid', { list: key, row, id: ev.id, field: 'end' });
      const dup = this.builder.addEvent(ev);
      if (dup) throw new PackError(`event ${row}: ${dup}`, 'invalid', { list: key, row, id: ev.id, field: 'id' });
      this.checksum.rowText(json);
      this.sink.event(ev, json);
    } else if (key === 'pack') {
      const r = validate(metaSchema, value, 'pack');
      if (!r.ok) {
        const i = r.issues[0]!;
        throw new PackError(`pack metadata: field ${i.path.replace(/^pack\.?/, '') || '(pack)'} ${i.message}`, 'invalid', {
          list: 'pack',
          field: i.path.replace(/^pack\.?/, ''),
        });
      }
      this.meta = r.value as PackMeta;
    } else if (key === 'format' || key === 'formatVersion') {
      this.header[key] = value;
    } else throw new PackError(`the pack has an unknown top-level field "${key}"`, 'invalid');
  }

  /** After the last chunk: checks the whole and returns metadata and index. */
  end(): PackReadResult {
    try {
      this.rows.end();
    } catch (e) {
      if (e instanceof JsonRowError) throw new PackError(`the file is not a valid pack: ${e.message}`, 'invalid');
      throw e;
    }
    const h = validate(headerSchema, this.header);
    if (!h.ok) {
      const missing = !('format' in this.header) ? 'it has no "format" field' : `${h.issues[0]!.path} ${h.issues[0]!.message}`;
      throw new PackError(`this is not a Siyaq pack (${missing}; expected "format": "${FORMAT}", "formatVersion": ${FORMAT_VERSION})`, 'invalid');
    }
    const meta = this.meta;
    if (!meta) throw new PackError('the pack has no "pack" metadata', 'invalid');
    for (const list of ['entities', 'events'] as const)
      if (!this.rows.keys.has(list)) throw new PackError(`the pack has no "${list}" list (write "${list}": [] when empty)`, 'invalid');
    const b = this.builder;
    if (meta.counts.entities !== b.entityCount || meta.counts.events !== b.eventCount)
      throw new PackError(
        `the pack says it has ${meta.counts.entities} entities and ${meta.counts.events} events but holds ${b.entityCount} and ${b.eventCount} (truncated or edited?)`,
        'invalid',
        { list: 'pack', field: 'counts' },
      );
    const sum = this.checksum.digest();
    if (sum !== meta.checksum)
      throw new PackError(
        `the pack's checksum does not match its contents (declared ${meta.checksum}, computed ${sum}): the file is damaged or was edited`,
        'invalid',
        { list: 'pack', field: 'checksum' },
      );
    b.setMeta(meta);
    return { meta, index: { ...b.build(), packId: meta.id }, checksum: sum };
  }
}

/** Reads a whole pack held in memory (command line, tests). */
export function readPackText(text: string, slot = 0): PackReadResult & { entities: PackEntity[]; events: PackEvent[] } {
  const entities: PackEntity[] = [];
  const events: PackEvent[] = [];
  const r = new PackReader(slot, { entity: (e) => entities.push(e), event: (e) => events.push(e) });
  for (let i = 0; i < text.length; i += 1 << 20) r.push(text.slice(i, i + (1 << 20)));
  return { ...r.end(), entities, events };
}
