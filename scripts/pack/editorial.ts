/**
 * Reads and validates the editorial layer (data/editorial/*.yaml). Every problem is reported
 * with its file, entry and field; nothing is silently dropped.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENTITY_TYPES } from '../../lib/match/types';
import { FACT_KEYS } from '../../lib/pack/format';

export type DateString = string;

export interface EditorialAlias {
  name: string;
  standalone?: boolean;
}

export interface EditorialFact {
  key: string;
  ref?: string;
  date?: DateString;
  num?: number;
  year?: number;
  text_ar?: string;
  text_en?: string;
  from?: DateString;
  to?: DateString;
}

export interface EditorialEntity {
  file: string;
  slug: string;
  qid?: string;
  type: 'person' | 'place' | 'organization' | 'event' | 'other';
  subtype?: string;
  ar: string;
  en?: string;
  aliases_ar: EditorialAlias[];
  aliases_en: string[];
  standalone: boolean;
  cues: string[];
  desc_ar?: string;
  desc_en?: string;
  facts: EditorialFact[];
  salience?: number;
  links: Record<string, string>;
  sources: string[];
}

export interface EditorialEvent {
  file: string;
  slug: string;
  date: DateString;
  end?: DateString;
  title_ar: string;
  title_en?: string;
  summary_ar?: string;
  summary_en?: string;
  entities: { ref: string; role?: string }[];
  place?: string;
  sources: string[];
}

export interface PlaceCorrection {
  file: string;
  qid?: string;
  iso2?: string;
  ar?: string;
  en?: string;
  aliases_ar: EditorialAlias[];
  nisba?: string;
  standalone?: boolean;
  cues: string[];
  drop: boolean;
  desc_ar?: string;
  desc_en?: string;
  salience?: number;
}

export interface Editorial {
  entities: EditorialEntity[];
  events: EditorialEvent[];
  places: PlaceCorrection[];
}

// The editorial files use the pack format's vocabulary.
export { ENTITY_TYPES, FACT_KEYS };

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const QID_RE = /^Q[1-9]\d*$/;
const ARABIC_RE = /[\u0600-\u06ff]/;

class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(p: Problems, where: string, o: Obj, key: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (required) p.add(where, `field "${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'string') {
    p.add(where, `field "${key}" must be text, got ${JSON.stringify(v)}`);
    return undefined;
  }
  return v.trim();
}

function date(p: Problems, where: string, o: Obj, key: string, required: boolean): string | undefined {
  let v = o[key];
  // YAML turns 2023-10-07 into a Date; bring it back to text.
  if (v instanceof Date) v = v.toISOString().slice(0, 10);
  if (typeof v === 'number') v = String(v);
  if (v === undefined || v === null) {
    if (required) p.add(where, `field "${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'string' || !DATE_RE.test(v)) {
    p.add(where, `field "${key}" must be a date YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(v)}`);
    return undefined;
  }
  const [y, m, d] = v.split('-').map(Number);
  if (m !== undefined && (m < 1 || m > 12)) p.add(where, `field "${key}": ${v} has no month ${m}`);
  else if (d !== undefined && new Date(Date.UTC(y!, m! - 1, d)).getUTCDate() !== d) p.add(where, `field "${key}": ${v} is not a real date`);
  return v;
}

function urls(p: Problems, where: string, o: Obj, key: string, required: boolean): string[] {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) p.add(where, `field "${key}" needs at least one source URL`);
    return [];
  }
  if (!Array.isArray(v) || v.length === 0) {
    p.add(where, `field "${key}" must be a non-empty list of URLs`);
    return [];
  }
  const out: string[] = [];
  for (const u of v) {
    if (typeof u !== 'string' || !/^https:\/\/[^\s]+$/.test(u)) p.add(where, `field "${key}": not an https URL: ${JSON.stringify(u)}`);
    else out.push(u);
  }
  return out;
}

function strList(p: Problems, where: string, o: Obj, key: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
    p.add(where, `field "${key}" must be a list of non-empty texts`);
    return [];
  }
  return (v as string[]).map((s) => s.trim());
}

function aliasList(p: Problems, where: string, o: Obj, key: string): EditorialAlias[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    p.add(where, `field "${key}" must be a list`);
    return [];
  }
  const out: EditorialAlias[] = [];
  v.forEach((a, i) => {
    if (typeof a === 'string' && a.trim()) out.push({ name: a.trim() });
    else if (isObj(a) && typeof a.name === 'string' && a.name.trim()) {
      if (a.standalone !== undefined && typeof a.standalone !== 'boolean') p.add(where, `${key}[${i}].standalone must be true or false`);
      out.push({ name: a.name.trim(), ...(typeof a.standalone === 'boolean' ? { standalone: a.standalone } : {}) });
    } else p.add(where, `${key}[${i}] must be a name or { name, standalone }`);
  });
  for (const a of out) {
    if (!ARABIC_RE.test(a.name)) p.add(where, `${key}: "${a.name}" has no Arabic letters`);
    if (/^[وفبلك]ال/.test(a.name) && !/^(بالي|فالنسيا|كالي|لالا)/.test(a.name))
      p.add(where, `${key}: "${a.name}" looks like it carries a clitic prefix; the matcher adds those`);
  }
  return out;
}

function ref(p: Problems, where: string, v: unknown, field: string): string | undefined {
  if (typeof v !== 'string' || !(QID_RE.test(v) || SLUG_RE.test(v))) {
    p.add(where, `${field} must be a QID (Q123) or a slug, got ${JSON.stringify(v)}`);
    return undefined;
  }
  return v;
}

function facts(p: Problems, where: string, o: Obj): EditorialFact[] {
  const v = o.facts;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    p.add(where, 'field "facts" must be a list');
    return [];
  }
  const out: EditorialFact[] = [];
  v.forEach((f, i) => {
    const w = `${where} facts[${i}]`;
    if (!isObj(f)) return p.add(w, 'must be { key, ... }');
    const key = str(p, w, f, 'key', true);
    if (key && !(FACT_KEYS as readonly string[]).includes(key)) p.add(w, `unknown key "${key}" (known: ${FACT_KEYS.join(', ')})`);
    const fact: EditorialFact = { key: key ?? '' };
    if (f.ref !== undefined) {
      const r = ref(p, w, f.ref, 'ref');
      if (r) fact.ref = r;
    }
    const d = date(p, w, f, 'date', false);
    if (d) fact.date = d;
    const from = date(p, w, f, 'from', false);
    if (from) fact.from = from;
    const to = date(p, w, f, 'to', false);
    if (to) fact.to = to;
    if (f.num !== undefined) {
      if (typeof f.num !== 'number' || !Number.isFinite(f.num)) p.add(w, 'num must be a number');
      else fact.num = f.num;
    }
    if (f.year !== undefined) {
      if (typeof f.year !== 'number' || !Number.isInteger(f.year)) p.add(w, 'year must be a whole year');
      else fact.year = f.year;
    }
    const ta = str(p, w, f, 'text_ar', false);
    if (ta) fact.text_ar = ta;
    const te = str(p, w, f, 'text_en', false);
    if (te) fact.text_en = te;
    if (!fact.ref && !fact.date && fact.num === undefined && !fact.text_ar) p.add(w, 'needs a value: ref, date, num or text_ar');
    out.push(fact);
  });
  return out;
}

function links(p: Problems, where: string, o: Obj): Record<string, string> {
  const v = o.links;
  if (v === undefined || v === null) return {};
  if (!isObj(v)) {
    p.add(where, 'field "links" must be a map');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, u] of Object.entries(v)) {
    if (!['wikipedia_ar', 'wikipedia_en', 'wikidata', 'official'].includes(k)) p.add(where, `links.${k}: unknown link kind`);
    else if (typeof u !== 'string' || !/^https?:\/\/\S+$/.test(u)) p.add(where, `links.${k}: not an http(s) URL`);
    else out[k] = u;
  }
  return out;
}

function salience(p: Problems, where: string, o: Obj): number | undefined {
  const s = o.salience;
  if (s === undefined) return undefined;
  if (typeof s !== 'number' || s < 0 || s > 1) {
    p.add(where, 'salience must be a number from 0 to 1');
    return undefined;
  }
  return s;
}

function readEntity(p: Problems, file: string, i: number, e: unknown): EditorialEntity | undefined {
  const where0 = `${file} entities[${i}]`;
  if (!isObj(e)) {
    p.add(where0, 'must be a map');
    return undefined;
  }
  const slug = str(p, where0, e, 'slug', true) ?? '';
  const where = `${file} entities[${i}] (${slug || '?'})`;
  if (slug && !SLUG_RE.test(slug)) p.add(where, `slug must be kebab-case ASCII`);
  const qid = str(p, where, e, 'qid', false);
  if (qid && !QID_RE.test(qid)) p.add(where, `qid must look like Q123`);
  const type = str(p, where, e, 'type', true);
  if (type && !(ENTITY_TYPES as readonly string[]).includes(type)) p.add(where, `type must be one of ${ENTITY_TYPES.join(', ')}`);
  const ar = str(p, where, e, 'ar', true) ?? '';
  if (ar && !ARABIC_RE.test(ar)) p.add(where, 'ar must be Arabic');
  if (e.standalone !== undefined && typeof e.standalone !== 'boolean') p.add(where, 'standalone must be true or false');
  const ent: EditorialEntity = {
    file,
    slug,
    type: (type ?? 'other') as EditorialEntity['type'],
    ar,
    aliases_ar: aliasList(p, where, e, 'aliases_ar'),
    aliases_en: strList(p, where, e, 'aliases_en'),
    standalone: e.standalone !== false,
    cues: strList(p, where, e, 'cues'),
    facts: facts(p, where, e),
    links: links(p, where, e),
    sources: urls(p, where, e, 'sources', true),
  };
  if (qid) ent.qid = qid;
  const subtype = str(p, where, e, 'subtype', false);
  if (subtype) ent.subtype = subtype;
  const en = str(p, where, e, 'en', false);
  if (en) ent.en = en;
  const da = str(p, where, e, 'desc_ar', false);
  if (da) ent.desc_ar = da;
  const de = str(p, where, e, 'desc_en', false);
  if (de) ent.desc_en = de;
  const s = salience(p, where, e);
  if (s !== undefined) ent.salience = s;
  return ent;
}

function readEvent(p: Problems, file: string, i: number, e: unknown): EditorialEvent | undefined {
  const where0 = `${file} events[${i}]`;
  if (!isObj(e)) {
    p.add(where0, 'must be a map');
    return undefined;
  }
  const slug = str(p, where0, e, 'slug', true) ?? '';
  const where = `${file} events[${i}] (${slug || '?'})`;
  if (slug && !SLUG_RE.test(slug)) p.add(where, 'slug must be kebab-case ASCII');
  const ev: EditorialEvent = {
    file,
    slug,
    date: date(p, where, e, 'date', true) ?? '',
    title_ar: str(p, where, e, 'title_ar', true) ?? '',
    entities: [],
    sources: urls(p, where, e, 'sources', true),
  };
  const end = date(p, where, e, 'end', false);
  if (end) ev.end = end;
  for (const k of ['title_en', 'summary_ar', 'summary_en'] as const) {
    const v = str(p, where, e, k, false);
    if (v) ev[k] = v;
  }
  if (!Array.isArray(e.entities) || e.entities.length === 0) p.add(where, 'field "entities" must list at least one { ref }');
  else
    e.entities.forEach((x, j) => {
      if (!isObj(x)) return p.add(where, `entities[${j}] must be { ref, role }`);
      const r = ref(p, where, x.ref, `entities[${j}].ref`);
      if (!r) return;
      const role = typeof x.role === 'string' && x.role.trim() ? x.role.trim() : undefined;
      ev.entities.push(role ? { ref: r, role } : { ref: r });
    });
  if (e.place !== undefined) {
    const r = ref(p, where, e.place, 'place');
    if (r) ev.place = r;
  }
  return ev;
}

function readPlace(p: Problems, file: string, i: number, e: unknown): PlaceCorrection | undefined {
  const where = `${file} places[${i}]`;
  if (!isObj(e)) {
    p.add(where, 'must be a map');
    return undefined;
  }
  const qid = str(p, where, e, 'qid', false);
  const iso2 = str(p, where, e, 'iso2', false);
  if (!qid && !iso2) p.add(where, 'needs qid or iso2');
  if (qid && !QID_RE.test(qid)) p.add(where, 'qid must look like Q123');
  if (iso2 && !/^[A-Z]{2}$/.test(iso2)) p.add(where, 'iso2 must be two capital letters');
  const pc: PlaceCorrection = {
    file,
    aliases_ar: aliasList(p, where, e, 'aliases_ar'),
    cues: strList(p, where, e, 'cues'),
    drop: e.drop === true,
  };
  if (qid) pc.qid = qid;
  if (iso2) pc.iso2 = iso2;
  for (const k of ['ar', 'en', 'nisba', 'desc_ar', 'desc_en'] as const) {
    const v = str(p, where, e, k, false);
    if (v) pc[k] = v;
  }
  if (e.standalone !== undefined) {
    if (typeof e.standalone !== 'boolean') p.add(where, 'standalone must be true or false');
    else pc.standalone = e.standalone;
  }
  const s = salience(p, where, e);
  if (s !== undefined) pc.salience = s;
  return pc;
}

export function readEditorial(dir: string): { editorial: Editorial; problems: string[] } {
  const p = new Problems();
  const editorial: Editorial = { entities: [], events: [], places: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'), { uniqueKeys: true });
    } catch (err) {
      p.add(file, `not valid YAML: ${(err as Error).message}`);
      continue;
    }
    if (doc === null || doc === undefined) continue;
    if (!isObj(doc)) {
      p.add(file, 'must be a map with entities, events and/or places');
      continue;
    }
    for (const k of Object.keys(doc)) if (!['entities', 'events', 'places'].includes(k)) p.add(file, `unknown top-level key "${k}"`);
    (Array.isArray(doc.entities) ? doc.entities : []).forEach((e, i) => {
      const x = readEntity(p, file, i, e);
      if (x) editorial.entities.push(x);
    });
    (Array.isArray(doc.events) ? doc.events : []).forEach((e, i) => {
      const x = readEvent(p, file, i, e);
      if (x) editorial.events.push(x);
    });
    (Array.isArray(doc.places) ? doc.places : []).forEach((e, i) => {
      const x = readPlace(p, file, i, e);
      if (x) editorial.places.push(x);
    });
  }
  // Cross-file checks: unique slugs and QIDs, refs that resolve.
  const slugs = new Map<string, string>();
  const qids = new Map<string, string>();
  for (const e of [...editorial.entities, ...editorial.events]) {
    const prev = slugs.get(e.slug);
    if (prev) p.add(`${e.file} (${e.slug})`, `slug already used in ${prev}`);
    else slugs.set(e.slug, e.file);
  }
  for (const e of editorial.entities) {
    if (!e.qid) continue;
    const prev = qids.get(e.qid);
    if (prev) p.add(`${e.file} (${e.slug})`, `qid ${e.qid} already used by ${prev}`);
    else qids.set(e.qid, e.slug);
  }
  return { editorial, problems: p.list };
}

/** Refs that point at nothing known: neither an editorial slug/QID nor a known open-data QID. */
export function unresolvedRefs(ed: Editorial, knownQids: ReadonlySet<string>): string[] {
  const known = new Set<string>(knownQids);
  for (const e of ed.entities) {
    known.add(e.slug);
    if (e.qid) known.add(e.qid);
  }
  const out: string[] = [];
  const check = (where: string, r: string | undefined): void => {
    if (r && !known.has(r)) out.push(`${where}: ref "${r}" matches no entity (slug or QID)`);
  };
  for (const e of ed.entities) for (const f of e.facts) check(`${e.file} (${e.slug}) fact ${f.key}`, f.ref);
  for (const ev of ed.events) {
    for (const x of ev.entities) check(`${ev.file} event (${ev.slug})`, x.ref);
    check(`${ev.file} event (${ev.slug}) place`, ev.place);
  }
  return out;
}
