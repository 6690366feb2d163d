/**
 * The seed article's checklist (tests/fixtures/seed-expected.json, from
 * ../shared/samples/seed-article.expected.md): every listed form found and linked to its
 * entity, nothing on the "must not" list highlighted. Shared by `npm run eval` and the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mention } from '../../lib/match/types';

export interface SeedExpected {
  date: string;
  found: { entity: string; id: string; forms: string[] }[];
  mustNot: string[];
  priorEvents: Record<string, string[]>;
}

export const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
export const seedText = (): string => readFileSync(join(FIXTURES, 'seed-article.txt'), 'utf8');
export const seedExpected = (): SeedExpected => JSON.parse(readFileSync(join(FIXTURES, 'seed-expected.json'), 'utf8')) as SeedExpected;

const CLITIC = /^(و|ف|ب|ك|ل|وب|ول|فب|فل|وك)(?=.{3})/;

export interface SeedReport {
  misses: string[];
  wrong: string[];
  falseAlarms: string[];
  checked: number;
}

/** Finds each expected form in the text (whole word) and checks the mention covering it. */
export function checkSeed(text: string, mentions: readonly Mention[], exp: SeedExpected): SeedReport {
  const r: SeedReport = { misses: [], wrong: [], falseAlarms: [], checked: 0 };
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);
  const occurrences = (form: string) => {
    const out: number[] = [];
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) if (!isWordChar(text[i - 1]) && !isWordChar(text[i + form.length])) out.push(i);
    return out;
  };
  for (const f of exp.found) {
    for (const form of f.forms) {
      const at = occurrences(form);
      if (!at.length) {
        r.misses.push(`${f.entity}: the form "${form}" does not occur in the text (checklist out of date?)`);
        continue;
      }
      for (const i of at) {
        r.checked++;
        // The form itself, or a longer name of the same entity around it (الإيرانية inside
        // الجمهورية الإسلامية الإيرانية); nested mentions (الإسرائيلي inside الجيش الإسرائيلي) count.
        const covering = mentions.filter((x) => x.start < i + form.length && x.end > i);
        const m = covering.find((x) => x.entityId === f.id) ?? covering.find((x) => x.alternatives.includes(f.id)) ?? covering[0];
        if (!m) r.misses.push(`${f.entity}: "${form}" at ${i} not found`);
        else if (m.entityId !== f.id && !m.alternatives.includes(f.id)) r.wrong.push(`${f.entity}: "${form}" at ${i} linked to ${m.entityId}`);
        else if (m.entityId !== f.id) r.wrong.push(`${f.entity}: "${form}" at ${i} only a possible match (best: ${m.entityId})`);
        else {
          // The mention covers the name without its clitic.
          const bare = form.replace(CLITIC, '');
          if (m.text !== form && m.text !== bare && !form.endsWith(m.text) && !m.text.includes(bare))
            r.wrong.push(`${f.entity}: "${form}" at ${i} covered as "${m.text}"`);
        }
      }
    }
  }
  for (const word of exp.mustNot) {
    for (const i of occurrences(word)) {
      // "الجيش" alone: inside الجيش الإسرائيلي it is part of a name.
      const m = mentions.find((x) => x.start <= i && x.end >= i + word.length);
      if (m && m.text === word) r.falseAlarms.push(`"${word}" at ${i} highlighted as ${m.entityId}`);
    }
  }
  for (const m of mentions) if (/^[\d\s]+$/.test(m.text) || /[A-Za-z]/.test(m.text)) r.falseAlarms.push(`"${m.text}" highlighted as ${m.entityId}`);
  return r;
}
