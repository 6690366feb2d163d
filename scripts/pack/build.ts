/**
 * `npm run pack:build`: builds the default pack, reproducibly, from ../shared/data (open data,
 * names as candidates) and data/editorial (facts, events, corrections) and data/lexicon (what
 * is an ordinary word). Writes public/packs/default.json.gz and prints what it built.
 *
 * Open-data names are filtered: a place whose name is an ordinary word or a first name needs a
 * cue; rows flagged in places.yaml are corrected or dropped; several rows with one Wikidata id
 * become one place. Every entity carries its sources; the pack carries the licences.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { packChecksum } from '../../lib/pack/checksum';
import {
  entitySchema,
  eventSchema,
  FORMAT,
  FORMAT_VERSION,
  metaSchema,
  type PackEntity,
  type PackEvent,
  type PackFact,
  type PackMeta,
} from '../../lib/pack/format';
import { validate } from '../../lib/schema/schema';
import { normalize } from '../../lib/text/normalize';
import { readEditorial, type EditorialEntity, type PlaceCorrection } from './editorial';

const ROOT = join(import.meta.dirname, '../..');
export const SHARED = process.env.SIYAQ_SHARED_DATA ?? join(ROOT, '../shared/data');
const OUT = join(ROOT, 'public/packs/default.json.gz');

/** The Arab world, Iran, Turkey and Israel: their provinces and cities go in. */
export const FOCUS = new Set('DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE IR TR IL'.split(' '));
/** Cities elsewhere enter above this population (plus every capital). */
const WORLD_CITY_MIN = 1_000_000;
const FOCUS_CITY_MIN = 50_000;
/** Below this population a city's bare name needs evidence (its country named nearby, a cue). */
const SMALL_CITY = 150_000;

const DR5HN = 'https://github.com/dr5hn/countries-states-cities-database';
const COUNTRY_CODES = 'https://github.com/datasets/country-codes';
const ARWIKICATS = 'https://github.com/ArWikiCats/ArWikiCats';

type Json = Record<string, unknown>;
const readJson = <T>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;

function lexicon(name: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(join(ROOT, 'data/lexicon', name), 'utf8').split('\n')) {
    const w = line.trim();
    if (w && !w.startsWith('#')) out.add(normalize(w));
  }
  return out;
}

function csv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [head, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const SUBREGION_AR: Record<string, string> = {
  'Southern Asia': 'جنوب آسيا',
  'Western Asia': 'غرب آسيا',
  'Central Asia': 'آسيا الوسطى',
  'Eastern Asia': 'شرق آسيا',
  'South-Eastern Asia': 'جنوب شرق آسيا',
  'Northern Africa': 'شمال أفريقيا',
  'Eastern Africa': 'شرق أفريقيا',
  'Middle Africa': 'وسط أفريقيا',
  'Western Africa': 'غرب أفريقيا',
  'Southern Africa': 'الجنوب الأفريقي',
  'Northern Europe': 'شمال أوروبا',
  'Western Europe': 'غرب أوروبا',
  'Southern Europe': 'جنوب أوروبا',
  'Eastern Europe': 'شرق أوروبا',
  'Northern America': 'أمريكا الشمالية',
  'Central America': 'أمريكا الوسطى',
  Caribbean: 'منطقة الكاريبي',
  'South America': 'أمريكا الجنوبية',
  'Australia and New Zealand': 'أستراليا ونيوزيلندا',
  Melanesia: 'ميلانيزيا',
  Micronesia: 'ميكرونيزيا',
  Polynesia: 'بولينيزيا',
};

const PROVINCE_TYPE_AR: Record<string, [string, string]> = {
  province: ['محافظة', 'Province'],
  governorate: ['محافظة', 'Governorate'],
  state: ['ولاية', 'State'],
  region: ['منطقة', 'Region'],
  district: ['قضاء', 'District'],
  emirate: ['إمارة', 'Emirate'],
  wilaya: ['ولاية', 'Province'],
  municipality: ['بلدية', 'Municipality'],
};

/**
 * Capitals whose name in countries.json differs from the city files' (Tripolis/Tripoli) or that
 * no city file holds: the city's English name to look for, and its Arabic name (from Arabic
 * Wikipedia's article title) when no file has it.
 */
const CAPITAL_FIX: Record<string, { en: string; ar?: string }> = {
  LY: { en: 'Tripoli' },
  SG: { en: 'Singapore' },
  CM: { en: 'Yaoundé' },
  TG: { en: 'Lomé' },
  IS: { en: 'Reykjavík' },
  ST: { en: 'São Tomé' },
  BR: { en: 'Brasília', ar: 'برازيليا' },
  MX: { en: 'Mexico City', ar: 'مدينة مكسيكو' },
  XK: { en: 'Pristina', ar: 'بريشتينا' },
  MC: { en: 'Monaco', ar: 'موناكو' },
  VA: { en: 'Vatican City', ar: 'مدينة الفاتيكان' },
  EH: { en: 'Laayoune', ar: 'العيون' },
  HK: { en: 'Hong Kong', ar: 'هونغ كونغ' },
  MO: { en: 'Macau', ar: 'ماكاو' },
  GI: { en: 'Gibraltar', ar: 'جبل طارق' },
  AG: { en: "St. John's", ar: 'سانت جونز' },
  GD: { en: "St. George's", ar: 'سانت جورجز' },
  MH: { en: 'Majuro', ar: 'ماجورو' },
  FM: { en: 'Palikir', ar: 'باليكير' },
  PW: { en: 'Ngerulmud', ar: 'نجيرولمود' },
  TO: { en: "Nuku'alofa", ar: 'نوكوالوفا' },
  VU: { en: 'Port Vila', ar: 'بورت فيلا' },
};

/** Class words that sometimes prefix an open-data name; the name is what follows. */
const CLASS_PREFIX = /^(محافظة|ولاية|إقليم|اقليم|منطقة|مقاطعة|لواء|بلدية|مدينة|قضاء|إمارة|امارة)\s+/;

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const wikidataUrl = (q: string) => `https://www.wikidata.org/wiki/${q}`;

/**
 * Whether a name is also an ordinary word: a common word or a first name, or a common word with a
 * proclitic (بأنه = ب + أنه, فإن = ف + إن). A proclitic before a first name is not a word a name
 * could be mistaken for: باكو (Baku) is not ب + the Kurdish name آكو, لاوس (Laos) not ل + أوس.
 */
export function ordinaryTest(common: ReadonlySet<string>, given: ReadonlySet<string>): (name: string) => boolean {
  return (name) => {
    const n = normalize(name);
    if (common.has(n) || given.has(n)) return true;
    const m = /^(و|ف)?(ب|ك|ل)?/.exec(n);
    const rest = n.slice(m?.[0].length ?? 0);
    return rest !== n && rest.length >= 2 && (common.has(rest) || (n.startsWith('لل') && common.has('ال' + n.slice(2))));
  };
}

/** Words that make a name a ruler's style: تشارلز الأول ملك إنجلترا, ديانا أميرة ويلز. */
const ROYAL_STYLE = new Set(['ملك', 'ملكة', 'أمير', 'أميرة', 'إمبراطور', 'إمبراطورة', 'سلطان', 'شاه', 'دوق', 'دوقة'].map(normalize));

/**
 * The family name of a person's full Arabic name (its last word), or undefined when there is none:
 * a single word, or a ruler's style, whose last word is the realm (تشارلز الأول ملك إنجلترا ends in
 * England, not a surname).
 */
export function surnameOf(ar: string): string | undefined {
  const words = ar.trim().split(/\s+/);
  if (words.length < 2) return undefined;
  if (words.slice(1, -1).some((w) => ROYAL_STYLE.has(normalize(w)))) return undefined;
  return words[words.length - 1];
}

interface Built {
  entities: Map<string, PackEntity>;
  events: PackEvent[];
  warnings: string[];
  stats: Record<string, number>;
}

export function buildDefaultPack(): {
  pack: { format: string; formatVersion: number; pack: PackMeta; entities: PackEntity[]; events: PackEvent[] };
  warnings: string[];
  stats: Record<string, number>;
} {
  const b: Built = { entities: new Map(), events: [], warnings: [], stats: {} };
  const common = lexicon('common-words.txt');
  const given = lexicon('given-names.txt');
  const cueYaml = parse(readFileSync(join(ROOT, 'data/lexicon/cue-words.yaml'), 'utf8')) as Record<string, string[]>;
  const { editorial, problems } = readEditorial(join(ROOT, 'data/editorial'));
  if (problems.length) throw new Error(`data/editorial has problems (run npm run pack:check):\n${problems.slice(0, 20).join('\n')}`);

  const ordinary = ordinaryTest(common, given);
  const corrByIso = new Map<string, PlaceCorrection>();
  const corrByQid = new Map<string, PlaceCorrection>();
  for (const c of editorial.places) {
    if (c.iso2) corrByIso.set(c.iso2, c);
    if (c.qid) corrByQid.set(c.qid, c);
  }
  const put = (e: PackEntity) => b.entities.set(e.id, e);
  const count = (k: string) => (b.stats[k] = (b.stats[k] ?? 0) + 1);

  // ---- Countries ------------------------------------------------------------------------
  const codes = new Map(csv(readFileSync(join(SHARED, 'country-codes/country-codes.csv'), 'utf8')).map((r) => [r['ISO3166-1-Alpha-2']!, r]));
  const countries = readJson<Json[]>(join(SHARED, 'dr5hn-csc/countries.json'));
  const nationalities = readJson<Record<string, Record<string, string>>>(join(SHARED, 'arwikicats/nationalities_data.json'));
  const nisbaByCountry = new Map<string, { male: string; males: string }[]>();
  for (const n of Object.values(nationalities)) {
    if (!n.en || !n.male || n.male.includes(' ')) continue;
    const list = nisbaByCountry.get(n.en) ?? [];
    list.push({ male: n.male, males: n.males ?? '' });
    nisbaByCountry.set(n.en, list);
  }
  const citiesFull = readJson<Record<string, string>>(join(SHARED, 'arwikicats/cities_full.json'));
  const countryByIso = new Map<string, { id: string; ar: string; en: string }>();
  const capitalOf = new Map<string, string>();

  for (const c of countries) {
    const iso2 = c.iso2 as string;
    const qid = c.wikiDataId as string | undefined;
    if (!qid) {
      b.warnings.push(`country ${iso2} has no Wikidata id; left out`);
      continue;
    }
    const corr = corrByIso.get(iso2);
    if (corr?.drop) continue;
    const code = codes.get(iso2);
    const dr = (c.translations as Record<string, string> | null)?.ar ?? '';
    const un = (code?.['UNTERM Arabic Short'] ?? '').replace(/\s*\*$/, '');
    const ar = corr?.ar ?? (un && !un.includes('(') ? un : dr);
    const en = corr?.en ?? (code?.['CLDR display name'] || (c.name as string));
    const aliases = new Map<string, boolean | undefined>();
    for (const a of corr?.aliases_ar ?? []) aliases.set(a.name, a.standalone);
    for (const formal of [code?.['UNTERM Arabic Formal'], code?.official_name_ar])
      if (formal && !formal.includes('(') && formal !== ar) aliases.set(formal.replace(/\s*\*$/, ''), undefined);
    const nis = corr?.nisba ? [{ male: corr.nisba, males: '' }] : (nisbaByCountry.get((c.name as string).toLowerCase()) ?? []);
    const adjectives = [...new Set(nis.map((n) => n.male))];
    const irregular = [...new Set(nis.map((n) => n.males).filter((m) => m && !/(ون|ين)$/.test(m) && !m.includes(' ')))];
    const sub = c.subregion as string;
    const standalone = corr?.standalone ?? !ordinary(ar);
    const e: PackEntity = {
      id: qid,
      type: 'place',
      subtype: 'country',
      label: { ar, en },
      aliases: [...aliases].map(([a, s]) => (s === undefined ? { ar: a } : { ar: a, standalone: s })),
      aliasesEn: [...new Set([c.name as string, code?.['official_name_en'] ?? ''].filter((x) => x && x !== en))],
      ...(adjectives.length ? { adjectives } : {}),
      ...(irregular.length ? { adjectiveForms: irregular } : {}),
      ...(adjectives.some((a) => ordinary(a)) ? { adjectivesStandalone: false } : {}),
      description: {
        ar: corr?.desc_ar ?? `دولة في ${SUBREGION_AR[sub] ?? 'العالم'}.`,
        en: corr?.desc_en ?? `Country in ${sub || 'the world'}.`,
      },
      facts: [
        ...(typeof c.population === 'number' ? [{ key: 'population' as const, num: c.population, source: DR5HN }] : []),
        ...(typeof c.area_sq_km === 'number' ? [{ key: 'area_km2' as const, num: c.area_sq_km, source: DR5HN }] : []),
      ],
      salience: corr?.salience ?? 0.5,
      ...(standalone ? {} : { standalone: false }),
      ...(corr?.cues.length ? { cues: corr.cues } : {}),
      links: { wikidata: wikidataUrl(qid) },
      sources: [
        { url: DR5HN, title: 'countries-states-cities-database (ODbL)' },
        { url: COUNTRY_CODES, title: 'datasets/country-codes (UN names)' },
      ],
    };
    put(e);
    countryByIso.set(iso2, { id: qid, ar, en });
    if (c.capital) capitalOf.set(iso2, c.capital as string);
    count('country');
  }

  // ---- Provinces --------------------------------------------------------------------------
  const states = readJson<Json[]>(join(SHARED, 'dr5hn-csc/states.json'));
  const stateQid = new Map<number, string>();
  const seenQid = new Set<string>();
  const provinces = new Map<string, PackEntity>();
  for (const s of states) {
    const iso2 = s.country_code as string;
    const qid = s.wikiDataId as string | undefined;
    const country = countryByIso.get(iso2);
    if (!FOCUS.has(iso2) || !qid || !country) continue;
    stateQid.set(s.id as number, qid);
    if (seenQid.has(qid) || b.entities.has(qid)) continue;
    const corr = corrByQid.get(qid);
    if (corr?.drop) continue;
    const raw = (s.translations as Record<string, string> | null)?.ar ?? '';
    const name = (corr?.ar ?? raw).replace(CLASS_PREFIX, '').trim();
    if (!name || !/[\u0600-\u06ff]/.test(name)) continue;
    seenQid.add(qid);
    const [typeAr, typeEn] = PROVINCE_TYPE_AR[String(s.type ?? '').toLowerCase()] ?? ['محافظة', 'Province'];
    const standalone = corr?.standalone ?? !ordinary(name);
    provinces.set(qid, {
      id: qid,
      type: 'place',
      subtype: 'province',
      label: { ar: name, en: corr?.en ?? (s.name as string) },
      aliases: [
        { ar: `${typeAr} ${name}` },
        ...(corr?.aliases_ar ?? []).map((a) => ({ ar: a.name, ...(a.standalone === undefined ? {} : { standalone: a.standalone }) })),
      ],
      description: { ar: corr?.desc_ar ?? `${typeAr} في ${country.ar}.`, en: corr?.desc_en ?? `${typeEn} of ${country.en}.` },
      facts: [
        { key: 'country', ref: country.id },
        ...(typeof s.population === 'number' && s.population > 0 ? [{ key: 'population' as const, num: s.population, source: DR5HN }] : []),
      ],
      salience: corr?.salience ?? 0.35,
      ...(standalone ? {} : { standalone: false }),
      ...(corr?.cues.length ? { cues: corr.cues } : {}),
      links: { wikidata: wikidataUrl(qid) },
      sources: [{ url: DR5HN, title: 'countries-states-cities-database (ODbL)' }],
    });
  }

  // ---- Cities -------------------------------------------------------------------------------
  const cityFiles = readdirSync(join(SHARED, 'dr5hn-csc/cities')).filter((f) => f.endsWith('.json'));
  const capitalCity = new Map<string, string>();
  // Rows sharing one QID: keep the most populous (places.yaml names the real place).
  const rows = new Map<string, Json>();
  for (const f of cityFiles.sort()) {
    const iso2 = f.slice(0, 2);
    if (!countryByIso.has(iso2)) continue;
    const capital = (CAPITAL_FIX[iso2]?.en ?? capitalOf.get(iso2))?.toLowerCase();
    for (const r of readJson<Json[]>(join(SHARED, 'dr5hn-csc/cities', f))) {
      const qid = r.wikiDataId as string | undefined;
      if (!qid) continue;
      const pop = (r.population as number | null) ?? 0;
      const isCapital = capital !== undefined && (r.name as string).toLowerCase() === capital;
      const wanted = isCapital || pop >= (FOCUS.has(iso2) ? FOCUS_CITY_MIN : WORLD_CITY_MIN);
      if (!wanted) continue;
      const prev = rows.get(qid);
      if (isCapital) r.__capital = true;
      if (!prev || (pop > ((prev.population as number | null) ?? 0) && !prev.__capital) || isCapital) rows.set(qid, r);
    }
  }
  for (const [qid, r] of [...rows].sort((a, b) => a[0].localeCompare(b[0], 'en'))) {
    if (b.entities.has(qid)) continue;
    const iso2 = r.country_code as string;
    const country = countryByIso.get(iso2)!;
    const corr = corrByQid.get(qid);
    if (corr?.drop) continue;
    const raw = (r.translations as Record<string, string> | null)?.ar ?? '';
    let name = (corr?.ar ?? raw).replace(CLASS_PREFIX, '').trim();
    // Outside the focus countries the open-data Arabic is unchecked: a city enters only when
    // Arabic Wikipedia has a title for it. When the two differ, the title is the name and the
    // open-data spelling an alias (the press writes قوانغتشو, Wikipedia غوانزو).
    let otherSpelling: string | undefined;
    if (!FOCUS.has(iso2) && !corr && r.__capital !== true) {
      const wiki = citiesFull[(r.name as string).toLowerCase()]
        ?.replace(/\s*\([^)]*\)\s*$/, '')
        .replace(CLASS_PREFIX, '')
        .trim();
      if (!wiki || /[،,]/.test(wiki)) {
        count('city-unverified-skipped');
        continue;
      }
      if (normalize(wiki) !== normalize(name)) {
        count('city-name-from-wikipedia');
        if (name && /^[\u0600-\u06ff ]+$/.test(name)) otherSpelling = name;
        name = wiki;
      }
    }
    if (!name || !/[\u0600-\u06ff]/.test(name)) continue;
    const isCapital = r.__capital === true;
    if (isCapital) capitalCity.set(iso2, qid);
    const province = stateQid.get(r.state_id as number);
    const provinceEntity = province && province !== qid ? provinces.get(province) : undefined;
    const pop = r.population as number | null;
    // Small places need a cue or their country on the page: many are named like words.
    const standalone = corr?.standalone ?? (!ordinary(name) && (pop ?? 0) >= SMALL_CITY);
    put({
      id: qid,
      type: 'place',
      subtype: 'city',
      label: { ar: name, en: corr?.en ?? (r.name as string) },
      ...(corr?.aliases_ar.length
        ? { aliases: corr.aliases_ar.map((a) => ({ ar: a.name, ...(a.standalone === undefined ? {} : { standalone: a.standalone }) })) }
        : otherSpelling
          ? { aliases: [{ ar: otherSpelling, ...(standalone && !ordinary(otherSpelling) ? {} : { standalone: false }) }] }
          : {}),
      description: {
        ar: corr?.desc_ar ?? `${isCapital ? `عاصمة ${country.ar}` : `مدينة في ${provinceEntity ? `${provinceEntity.label.ar}، ` : ''}${country.ar}`}.`,
        en:
          corr?.desc_en ??
          `${isCapital ? `Capital of ${country.en}` : `City in ${provinceEntity?.label.en ? `${provinceEntity.label.en}, ` : ''}${country.en}`}.`,
      },
      facts: [
        { key: 'country', ref: country.id },
        ...(provinceEntity ? [{ key: 'place' as const, ref: provinceEntity.id }] : []),
        ...(pop && pop > 0 ? [{ key: 'population' as const, num: pop, source: DR5HN }] : []),
      ],
      salience: corr?.salience ?? (isCapital ? 0.7 : Math.min(0.6, 0.25 + Math.log10(Math.max(pop ?? 1, 1)) / 20)),
      ...(standalone ? {} : { standalone: false }),
      ...(corr?.cues.length ? { cues: corr.cues } : {}),
      links: { wikidata: wikidataUrl(qid) },
      sources: [{ url: DR5HN, title: 'countries-states-cities-database (ODbL)' }],
    });
    count(isCapital ? 'capital' : 'city');
  }
  // Provinces whose Wikidata id is not a city's (dr5hn sometimes gives a governorate its
  // capital city's id: the city keeps it).
  const cityNames = new Set<string>();
  for (const e of b.entities.values()) if (e.subtype === 'city') cityNames.add(`${e.facts?.find((f) => f.key === 'country')?.ref}|${normalize(e.label.ar)}`);
  for (const [qid, p] of provinces) {
    if (b.entities.has(qid)) continue;
    // A province named like its capital (طهران، أصفهان، مسقط): the bare name means the city;
    // the province is named with its class word (محافظة طهران).
    if (cityNames.has(`${p.facts?.find((f) => f.key === 'country')?.ref}|${normalize(p.label.ar)}`)) p.standalone = false;
    put(p);
    count('province');
  }
  // Capitals the city files lack (their country has no city file): from Arabic Wikipedia titles.
  for (const [iso2, listed] of capitalOf) {
    if (capitalCity.has(iso2)) continue;
    const country = countryByIso.get(iso2);
    const capital = CAPITAL_FIX[iso2]?.en ?? listed;
    const ar = CAPITAL_FIX[iso2]?.ar ?? citiesFull[capital.toLowerCase()];
    if (!country) continue;
    const fromEditorial = editorial.entities.find(
      (e) =>
        e.subtype === 'city' &&
        e.facts.some((f) => f.key === 'country' && f.ref === country.id) &&
        (e.en ?? '').toLowerCase().startsWith(capital.toLowerCase()),
    );
    if (fromEditorial) {
      capitalCity.set(iso2, fromEditorial.qid ?? `siyaq:${fromEditorial.slug}`);
      continue;
    }
    if (!ar) {
      b.warnings.push(`capital of ${iso2} (${capital}) has no Arabic name in the data; left out`);
      continue;
    }
    const id = `siyaq:city/${iso2.toLowerCase()}-${slug(capital)}`;
    capitalCity.set(iso2, id);
    put({
      id,
      type: 'place',
      subtype: 'city',
      label: { ar, en: capital },
      description: { ar: `عاصمة ${country.ar}.`, en: `Capital of ${country.en}.` },
      facts: [{ key: 'country', ref: country.id }],
      salience: 0.7,
      ...(ordinary(ar) ? { standalone: false } : {}),
      sources: [{ url: ARWIKICATS, title: 'ArWikiCats cities_full (MIT)' }],
    });
    count('capital');
  }
  for (const [iso2, cityId] of capitalCity) {
    const c = b.entities.get(countryByIso.get(iso2)!.id)!;
    c.facts = [{ key: 'capital', ref: cityId }, ...(c.facts ?? [])];
    const city = b.entities.get(cityId);
    if (city && c.description?.ar?.endsWith('.') && !corrByIso.get(iso2)?.desc_ar)
      c.description = {
        ar: `${c.description.ar.slice(0, -1)}، عاصمتها ${city.label.ar}.`,
        en: `${c.description.en?.slice(0, -1)}; capital: ${city.label.en ?? ''}.`,
      };
  }

  // ---- Editorial entities ------------------------------------------------------------------
  const idOfSlug = new Map<string, string>();
  for (const e of editorial.entities) idOfSlug.set(e.slug, e.qid ?? `siyaq:${e.slug}`);
  const resolveRef = (r: string | undefined, where: string): string | undefined => {
    if (!r) return undefined;
    const id = /^Q\d+$/.test(r) ? r : idOfSlug.get(r);
    if (!id || (!b.entities.has(id) && !editorial.entities.some((e) => (e.qid ?? `siyaq:${e.slug}`) === id))) {
      b.warnings.push(`${where}: ref "${r}" is not in the pack; fact dropped`);
      return undefined;
    }
    return id;
  };
  for (const e of editorial.entities) {
    const id = idOfSlug.get(e.slug)!;
    const base = b.entities.get(id);
    const facts: PackFact[] = [];
    for (const f of e.facts) {
      const ref = resolveRef(f.ref, `${e.file} (${e.slug}) ${f.key}`);
      if (f.ref && !ref) continue;
      const text = f.text_ar || f.text_en ? { ...(f.text_ar ? { ar: f.text_ar } : {}), ...(f.text_en ? { en: f.text_en } : {}) } : undefined;
      facts.push({
        key: f.key as PackFact['key'],
        ...(ref ? { ref } : {}),
        ...(text ? { text } : {}),
        ...(f.date ? { date: f.date } : {}),
        ...(f.num !== undefined ? { num: f.num } : {}),
        ...(f.year !== undefined ? { year: f.year } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
      });
    }
    const editorialKeys = new Set(facts.map((f) => f.key));
    const aliases = e.aliases_ar.map((a) => {
      const alias = { ar: a.name } as { ar: string; standalone?: boolean; partial?: boolean; ordinary?: boolean };
      if (a.standalone === false || (a.standalone === undefined && !a.name.includes(' ') && ordinary(a.name))) alias.standalone = false;
      return alias;
    });
    const merged: PackEntity = {
      ...(base ?? {}),
      id,
      type: e.type,
      ...(e.subtype ? { subtype: e.subtype as PackEntity['subtype'] } : base?.subtype ? { subtype: base.subtype } : {}),
      label: { ar: base && base.subtype === 'country' ? base.label.ar : e.ar, ...(e.en ? { en: e.en } : base?.label.en ? { en: base.label.en } : {}) },
      aliases: dedupeAliases([...(base?.aliases ?? []), ...aliases, ...(base && base.label.ar !== e.ar && base.subtype === 'country' ? [{ ar: e.ar }] : [])]),
      aliasesEn: [...new Set([...(base?.aliasesEn ?? []), ...e.aliases_en])],
      description: { ...(base?.description ?? {}), ...(e.desc_ar ? { ar: e.desc_ar } : {}), ...(e.desc_en ? { en: e.desc_en } : {}) },
      facts: [...facts, ...(base?.facts ?? []).filter((f) => !editorialKeys.has(f.key))],
      salience: e.salience ?? base?.salience ?? 0.5,
      ...(e.standalone === false || base?.standalone === false || (!e.ar.includes(' ') && ordinary(e.ar) && e.standalone !== true)
        ? { standalone: false }
        : {}),
      ...(e.cues.length || base?.cues?.length ? { cues: [...new Set([...(base?.cues ?? []), ...e.cues])] } : {}),
      links: { ...(base?.links ?? {}), ...e.links, ...(e.qid ? { wikidata: wikidataUrl(e.qid) } : {}) },
      sources: [...e.sources.map((url) => ({ url })), ...(base?.sources ?? [])],
    };
    if (!merged.standalone) delete merged.standalone;
    if (merged.standalone === undefined && (e.standalone === false || base?.standalone === false)) merged.standalone = false;
    if (!merged.aliasesEn?.length) delete merged.aliasesEn;
    put(merged);
    count(base ? 'editorial-merged' : `editorial-${e.type}`);
  }

  // ---- People's names (arwikicats) -----------------------------------------------------------
  const editorialEn = new Set(editorial.entities.map((e) => (e.en ?? '').toLowerCase()).filter(Boolean));
  const editorialAr = new Set(editorial.entities.flatMap((e) => [e.ar, ...e.aliases_ar.map((a) => a.name)]).map(normalize));
  const peoples = readJson<Record<string, string>>(join(SHARED, 'arwikicats/peoples.json'));
  for (const [title, arTitle] of Object.entries(peoples).sort((a, b) => a[0].localeCompare(b[0], 'en'))) {
    const ar = arTitle.replace(/\s*\([^)]*\)\s*$/, '').trim();
    const en = title.replace(/\s*\([^)]*\)\s*$/, '').replace(/\b\w/g, (c) => c.toUpperCase());
    if (!ar || !/^[\u0600-\u06ff\s.'-]+$/.test(ar)) continue;
    if (editorialEn.has(title) || editorialEn.has(en.toLowerCase()) || editorialAr.has(normalize(ar))) continue;
    const words = ar.split(/\s+/);
    // A one-word name, or a name made only of ordinary words and first names, needs evidence.
    const standalone = words.length >= 2 && !words.every((w) => ordinary(w));
    const surname = surnameOf(ar);
    const id = `siyaq:person/${slug(title)}`;
    if (b.entities.has(id)) continue;
    put({
      id,
      type: 'person',
      subtype: 'person',
      label: { ar, en },
      // The family name alone only after the full name on the same page (ordinary: a title
      // before it is not enough, since many surnames are words: مشرف "supervisor").
      ...(surname && surname.length >= 3 && !ordinary(surname) ? { aliases: [{ ar: surname, standalone: false, partial: true, ordinary: true }] } : {}),
      salience: 0.3,
      ...(standalone ? {} : { standalone: false }),
      links: {
        wikipedia_en: `https://en.wikipedia.org/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`,
        wikipedia_ar: `https://ar.wikipedia.org/wiki/${encodeURIComponent(arTitle.replace(/ /g, '_'))}`,
      },
      sources: [{ url: ARWIKICATS, title: 'ArWikiCats peoples (MIT)' }],
    });
    count('person-name');
  }

  // ---- Events ----------------------------------------------------------------------------
  for (const ev of editorial.events) {
    const involved = new Map<string, string | undefined>();
    for (const x of ev.entities) {
      const id = resolveRef(x.ref, `${ev.file} event (${ev.slug})`);
      if (id && !involved.has(id)) involved.set(id, x.role);
    }
    if (!involved.size) {
      b.warnings.push(`${ev.file} event (${ev.slug}): no entity resolved; event left out`);
      continue;
    }
    const place = resolveRef(ev.place, `${ev.file} event (${ev.slug}) place`);
    b.events.push({
      id: `siyaq:event/${ev.slug}`,
      date: ev.date,
      ...(ev.end ? { end: ev.end } : {}),
      title: { ar: ev.title_ar, ...(ev.title_en ? { en: ev.title_en } : {}) },
      ...(ev.summary_ar || ev.summary_en
        ? { summary: { ...(ev.summary_ar ? { ar: ev.summary_ar } : {}), ...(ev.summary_en ? { en: ev.summary_en } : {}) } }
        : {}),
      entities: [...involved].map(([id, role]) => (role ? { id, role } : { id })),
      ...(place ? { place } : {}),
      sources: ev.sources.map((url) => ({ url })),
    });
    count('event');
  }

  // ---- Ordinary words ------------------------------------------------------------------------
  // A one-word name that is also a common word or a first name needs strong evidence (a cue,
  // or the entity named plainly elsewhere), whatever file it came from.
  for (const e of b.entities.values()) {
    const one = (n: string) => !/\s/.test(n.trim());
    if (one(e.label.ar) && ordinary(e.label.ar)) {
      e.ordinary = true;
      e.standalone = false;
      count('ordinary-label');
    }
    for (const a of e.aliases ?? [])
      if (one(a.ar) && ordinary(a.ar)) {
        a.ordinary = true;
        a.standalone = false;
        count('ordinary-alias');
      }
  }

  // ---- Assemble and validate -------------------------------------------------------------
  const entities = [...b.entities.values()].map(clean);
  const events = b.events.sort((a, c) => a.date.localeCompare(c.date) || a.id.localeCompare(c.id));
  const errors: string[] = [];
  entities.forEach((e, i) => {
    const r = validate(entitySchema, e, `entities[${i}]`);
    if (!r.ok) errors.push(`${e.id}: ${r.issues.map((x) => `${x.path} ${x.message}`).join('; ')}`);
  });
  events.forEach((e, i) => {
    const r = validate(eventSchema, e, `events[${i}]`);
    if (!r.ok) errors.push(`${e.id}: ${r.issues.map((x) => `${x.path} ${x.message}`).join('; ')}`);
  });
  if (errors.length) throw new Error(`the built pack does not validate:\n${errors.slice(0, 30).join('\n')}`);

  const info = readJson<Omit<PackMeta, 'counts' | 'checksum' | 'cues'>>(join(ROOT, 'data/pack.json'));
  const cues: NonNullable<PackMeta['cues']> = {};
  for (const [k, list] of Object.entries(cueYaml)) if (Array.isArray(list)) (cues as Record<string, string[]>)[k] = list.map(String);
  const meta: PackMeta = { ...info, cues, counts: { entities: entities.length, events: events.length }, checksum: packChecksum(entities, events) };
  const m = validate(metaSchema, meta, 'pack');
  if (!m.ok) throw new Error(`pack metadata does not validate: ${m.issues.map((x) => `${x.path} ${x.message}`).join('; ')}`);
  return { pack: { format: FORMAT, formatVersion: FORMAT_VERSION, pack: meta, entities, events }, warnings: b.warnings, stats: b.stats };
}

function dedupeAliases<T extends { ar: string }>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const a of list) {
    const k = normalize(a.ar);
    if (!seen.has(k)) seen.set(k, a);
  }
  return [...seen.values()];
}

/** Drops empty optional fields so rows stay small and canonical. */
function clean(e: PackEntity): PackEntity {
  const out = { ...e } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0))
      delete out[k];
  }
  return out as PackEntity;
}

export function writePack(pack: unknown, path = OUT): { bytes: number; gzBytes: number } {
  // One row per line: reviewable diffs, and the importer's streaming reader sees short chunks.
  const p = pack as { format: string; formatVersion: number; pack: PackMeta; entities: unknown[]; events: unknown[] };
  const text = `{"format":${JSON.stringify(p.format)},"formatVersion":${p.formatVersion},"pack":${JSON.stringify(p.pack)},\n"entities":[\n${p.entities.map((e) => JSON.stringify(e)).join(',\n')}\n],\n"events":[\n${p.events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gz);
  // The pack's id and version beside it: the extension checks for a newer bundled pack without
  // reading the whole file.
  writeFileSync(path.replace(/\.json\.gz$/, '.meta.json'), JSON.stringify({ id: p.pack.id, version: p.pack.version, checksum: p.pack.checksum }) + '\n');
  return { bytes: Buffer.byteLength(text), gzBytes: gz.length };
}

export type { EditorialEntity };

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const t0 = performance.now();
  const { pack, warnings, stats } = buildDefaultPack();
  const size = writePack(pack, process.argv.slice(2).find((a) => !a.startsWith('--')) ?? OUT);
  const byType: Record<string, number> = {};
  for (const e of pack.entities) byType[`${e.type}/${e.subtype ?? '-'}`] = (byType[`${e.type}/${e.subtype ?? '-'}`] ?? 0) + 1;
  const quiet = process.argv.includes('--quiet');
  if (!quiet) for (const w of warnings) console.warn(`warning: ${w}`);
  console.log(
    `default pack ${pack.pack.version}: ${pack.entities.length} entities, ${pack.events.length} events, ${(size.bytes / 1e6).toFixed(1)} MB JSON, ${(size.gzBytes / 1e6).toFixed(2)} MB gzipped, ${Math.round(performance.now() - t0)} ms`,
  );
  console.log(`  sources: ${JSON.stringify(stats)}`);
  console.log(`  by type: ${JSON.stringify(byType)}`);
  console.log(`  ${warnings.length} warnings${quiet ? ' (run without --quiet to list them)' : ''}`);
}
