import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checksum, packChecksum } from '../../lib/pack/checksum';
import { entitySchema, eventSchema, metaSchema, packJsonSchema, type PackEntity } from '../../lib/pack/format';
import { compareVersions } from '../../lib/pack/version';
import { array, validate, type Issue } from '../../lib/schema/schema';
import { IRAN, IRAN_ELECTION, MUSCAT_TALKS, OMAN, ZUMURRUDISTAN, makePack } from './helpers/packs';

const issuesOf = (r: ReturnType<typeof validate>): Issue[] => (r.ok ? [] : r.issues);
const entity = (over: Record<string, unknown>): unknown => ({ ...IRAN, ...over });

describe('pack format validator: issues name the path and say what was expected', () => {
  it('names the row, the fact and the field: entities[41].facts[2].date', () => {
    const list: unknown[] = Array.from({ length: 50 }, (_, i) => ({ ...ZUMURRUDISTAN, id: `siyaq:z${i}` }));
    list[41] = entity({
      facts: [
        { key: 'capital', ref: 'Q3616' },
        { key: 'population', num: 89_000_000 },
        { key: 'founded', date: '1979-13-01' },
      ],
    });
    const issues = issuesOf(validate(array(entitySchema, { max: 100 }), list, 'entities'));
    expect(issues).toEqual([{ path: 'entities[41].facts[2].date', message: 'must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "1979-13-01"' }]);
  });

  it('accepts the test rows as they are', () => {
    for (const e of [IRAN, OMAN, ZUMURRUDISTAN]) expect(validate(entitySchema, e)).toEqual({ ok: true, value: e });
    for (const e of [MUSCAT_TALKS, IRAN_ELECTION]) expect(validate(eventSchema, e).ok).toBe(true);
    expect(validate(metaSchema, makePack().pack).ok).toBe(true);
  });

  it.each([
    ['a missing required field', { label: undefined }, 'label', 'is required'],
    ['a number where text is expected', { label: { ar: 42 } }, 'label.ar', 'must be text, got 42'],
    ['an unknown field (a typo)', { adjectivs: ['إيراني'] }, 'adjectivs', 'is not a known field'],
    ['an unknown entity type', { type: 'country' }, 'type', 'must be one of person, place, organization, event, other, got "country"'],
    ['an id with spaces', { id: 'Q 794' }, 'id', 'must be an id (letters, digits and : . _ / -), got "Q 794"'],
    ['an empty Arabic label', { label: { ar: '' } }, 'label.ar', 'must not be empty'],
    ['salience above 1', { salience: 1.5 }, 'salience', 'must be between 0 and 1, got 1.5'],
    ['a fractional year', { facts: [{ key: 'founded', year: 1979.5 }] }, 'facts[0].year', 'must be a whole number, got 1979.5'],
    ['a list where an object is expected', { label: ['إيران'] }, 'label', 'must be an object, got a list'],
  ])('%s', (_, over, path, message) => {
    expect(issuesOf(validate(entitySchema, entity(over), 'entities[0]'))).toEqual([{ path: `entities[0].${path}`, message }]);
  });

  // Bug: object() tests unknown fields with `k in shape`, which also sees Object.prototype, so a
  // field named constructor / toString / valueOf is neither rejected nor stripped; the reader then
  // stores the row as parsed, extra field included.
  it('reports an unknown field even when it is named like an Object.prototype member', () => {
    const issues = issuesOf(validate(entitySchema, entity({ constructor: 'x', toString: 'y' })));
    expect(issues.map((i) => i.path)).toEqual(['constructor', 'toString']);
  });
});

describe('pack format limits keep hostile packs small', () => {
  it('refuses more than 200 aliases and says how many there were', () => {
    const aliases = Array.from({ length: 201 }, (_, i) => ({ ar: `اسم ${i}` }));
    expect(issuesOf(validate(entitySchema, entity({ aliases })))).toEqual([{ path: 'aliases', message: 'has 201 items; the limit is 200' }]);
    expect(validate(entitySchema, entity({ aliases: aliases.slice(0, 200) })).ok).toBe(true);
  });

  it('refuses an overlong label and an overlong description with the length and the limit', () => {
    expect(issuesOf(validate(entitySchema, entity({ label: { ar: 'ا'.repeat(301) } })))).toEqual([
      { path: 'label.ar', message: 'is 301 characters long; the limit is 300' },
    ]);
    expect(validate(entitySchema, entity({ label: { ar: 'ا'.repeat(300) } })).ok).toBe(true);
    expect(issuesOf(validate(entitySchema, entity({ description: { ar: 'ن'.repeat(2001) } })))).toEqual([
      { path: 'description.ar', message: 'is 2001 characters long; the limit is 2000' },
    ]);
  });

  it('refuses too many adjectives, cues and facts', () => {
    const paths = (over: Record<string, unknown>) => issuesOf(validate(entitySchema, entity(over))).map((i) => `${i.path}: ${i.message}`);
    expect(paths({ adjectives: Array(21).fill('إيراني') })).toEqual(['adjectives: has 21 items; the limit is 20']);
    expect(paths({ cues: Array(51).fill('دولة') })).toEqual(['cues: has 51 items; the limit is 50']);
    expect(paths({ facts: Array(201).fill({ key: 'note' }) })).toEqual(['facts: has 201 items; the limit is 200']);
  });

  it('an event needs at least one entity', () => {
    expect(issuesOf(validate(eventSchema, { ...MUSCAT_TALKS, entities: [] }))).toEqual([{ path: 'entities', message: 'needs at least 1 item' }]);
  });
});

describe('URL fields accept only http(s)', () => {
  it.each([
    ['javascript:alert(1)'],
    ['javascript://example.com/%0Aalert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['ftp://example.com/iran'],
    ['https://example.com/a b'],
    ['https://example.com/"onmouseover="x'],
  ])('links.official refuses %s', (url) => {
    const issues = issuesOf(validate(entitySchema, entity({ links: { official: url } })));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('links.official');
    expect(issues[0]!.message).toMatch(/^must be an http\(s\) URL, got /);
  });

  it('links take http and https; sources and licences take https only', () => {
    expect(validate(entitySchema, entity({ links: { official: 'http://www.president.ir/' } })).ok).toBe(true);
    expect(validate(entitySchema, entity({ sources: [{ url: 'https://www.irna.ir/news/1' }] })).ok).toBe(true);
    for (const url of ['http://www.irna.ir/news/1', 'javascript:alert(1)', 'data:text/plain,x'])
      expect(issuesOf(validate(entitySchema, entity({ sources: [{ url }] })))[0]).toMatchObject({
        path: 'sources[0].url',
        message: expect.stringMatching(/https URL/),
      });
    const meta = makePack().pack;
    expect(issuesOf(validate(metaSchema, { ...meta, updateUrl: 'javascript:alert(1)' }, 'pack'))[0]?.path).toBe('pack.updateUrl');
    expect(issuesOf(validate(metaSchema, { ...meta, licenses: [{ name: 'CC0', url: 'data:text/html,x' }] }, 'pack'))[0]?.path).toBe('pack.licenses[0].url');
  });
});

describe('the documented JSON Schema', () => {
  it('docs/pack-format.schema.json is what packJsonSchema() prints (run `npm run pack:schema` after a format change)', () => {
    const file = readFileSync(join(import.meta.dirname, '../../docs/pack-format.schema.json'), 'utf8');
    const generated = packJsonSchema();
    expect(JSON.parse(file)).toEqual(generated);
    // Same keys in the same order (the file is the generator's output, reformatted by prettier).
    expect(JSON.stringify(JSON.parse(file))).toBe(JSON.stringify(generated));
  });

  it('documents the limits the validator enforces', () => {
    const s = packJsonSchema() as { properties: { entities: { items: { properties: Record<string, Record<string, unknown>> } } } };
    const e = s.properties.entities.items.properties;
    expect(e.aliases!.maxItems).toBe(200);
    expect((e.label as { properties: { ar: { maxLength: number } } }).properties.ar.maxLength).toBe(300);
    expect((s.properties.entities.items as Record<string, unknown>).additionalProperties).toBe(false);
  });
});

/** Independent FNV-1a 64 over UTF-16 code units, with BigInt. */
function fnvReference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return 'fnv1a64:' + h.toString(16).padStart(16, '0');
}

describe('Checksum (FNV-1a 64 over UTF-16 code units)', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('known vector %j', (text, hex) => {
    expect(new Checksum().update(text).digest()).toBe(`fnv1a64:${hex}`);
  });

  it('matches a BigInt reference on Arabic text, astral characters and long input', () => {
    for (const text of ['إيران', 'سلطنة عمان\n', '😀 زمردستان', JSON.stringify(IRAN).repeat(50)])
      expect(new Checksum().update(text).digest()).toBe(fnvReference(text));
  });

  it('incremental updates at every split point equal the one-shot digest', () => {
    const text = JSON.stringify(OMAN) + '\n';
    const whole = new Checksum().update(text).digest();
    for (let i = 0; i <= text.length; i++) expect(new Checksum().update(text.slice(0, i)).update(text.slice(i)).digest()).toBe(whole);
  });

  it('packChecksum is each row as JSON plus a newline, entities then events', () => {
    const rows = [IRAN, OMAN, MUSCAT_TALKS];
    expect(packChecksum([IRAN, OMAN], [MUSCAT_TALKS])).toBe(fnvReference(rows.map((r) => JSON.stringify(r) + '\n').join('')));
    // Order matters: a row moved from one place to another is a different pack.
    expect(packChecksum([OMAN, IRAN], [MUSCAT_TALKS])).not.toBe(packChecksum([IRAN, OMAN], [MUSCAT_TALKS]));
    // One changed letter in a label changes it.
    const edited: PackEntity = { ...IRAN, label: { ar: 'ايران', en: 'Iran' } };
    expect(packChecksum([edited, OMAN], [MUSCAT_TALKS])).not.toBe(packChecksum([IRAN, OMAN], [MUSCAT_TALKS]));
  });
});

describe('compareVersions', () => {
  it.each([
    ['2024.10.2', '2024.9.30', 1],
    ['2024.9.30', '2024.10.2', -1],
    ['1.2.0', '1.2', 0],
    ['1.2', '1.2.0.0', 0],
    ['1.10', '1.9', 1],
    ['1.2.1', '1.2', 1],
    ['2025.1.0', '2025.1.0', 0],
    ['2', '1.99.99', 1],
    ['1.0.1', '1.0.0+build.7', 1],
    ['2025.1.0+rebuild', '2025.1.0', 0],
  ])('%s vs %s -> %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
