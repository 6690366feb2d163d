import { describe, expect, it } from 'vitest';
import { cliticVariants, withClitics } from '../../lib/text/clitics';
import { normalize, normalizeWithMap, words } from '../../lib/text/normalize';
import { definite, nisbaForms, spellingVariants } from '../../lib/text/nisba';
import { BREAK_NONE, BREAK_PUNCT, BREAK_STOP, tokenize, tokenSpan, tokenText } from '../../lib/text/tokenize';

describe('normalize: spelling variants fold to one form', () => {
  it.each([
    ['diacritics (harakat, shadda, sukun, tanwin)', 'عُمَانُ', 'عمان'],
    ['shadda on Amman', 'عَمّان', 'عمان'],
    ['superscript alef', 'هٰذا', 'هذا'],
    ['tatweel', 'إيـــران', 'ايران'],
    ['hamza on alef above', 'أمريكا', 'امريكا'],
    ['hamza below', 'إسرائيل', 'اسراييل'],
    ['madda', 'آسيا', 'اسيا'],
    ['wasla', 'ٱلقدس', 'القدس'],
    ['final alef maqsura', 'مصطفى', 'مصطفي'],
    ['ta marbuta', 'غزة', 'غزه'],
    ['hamza on waw', 'مؤتمر', 'موتمر'],
    ['hamza on yeh', 'رئيس', 'رييس'],
    ['Persian kaf and yeh', 'کابلی', 'كابلي'],
    ['Persian heh goal', 'ہرات', 'هرات'],
    ['Arabic-Indic digits', '١٩٧٩', '1979'],
    ['Extended Arabic-Indic digits', '۲۰۱۵', '2015'],
    ['ZWNJ, ZWJ, LRM, RLM, BOM inside a word', 'إي\u200cر\u200dا\u200eن\u200f\ufeff', 'ايران'],
    ['presentation forms (NFKC)', 'ﺇﻳﺮﺍﻥ', 'ايران'],
    ['lam-alef ligature', 'ﻻ', 'لا'],
    ['Latin case', 'Iran AXIOS', 'iran axios'],
    ['spaces collapse', '  الولايات   المتحدة ', 'الولايات المتحده'],
    ['punctuation separates words', 'إيران،إسرائيل', 'ايران اسراييل'],
  ])('%s', (_, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps a map from each normalized character back to the original text', () => {
    const input = 'وَإِيرَان';
    const { text, map } = normalizeWithMap(input);
    expect(text).toBe('وايران');
    // Every normalized letter points at the same letter in the original, harakat skipped.
    for (let i = 0; i < text.length; i++) expect(normalize(input[map[i]!]!)).toBe(text[i]);
    expect(map[text.length]).toBe(input.length);
  });

  it('splits words', () => {
    expect(words('سلطنة عُمان، مسقط')).toEqual(['سلطنه', 'عمان', 'مسقط']);
  });
});

describe('tokenize: offsets into the original text and breaks', () => {
  it('gives UTF-16 offsets of each word in mixed Arabic and Latin text', () => {
    const text = 'قال موقع «Axios» إن إيـران…';
    const t = tokenize(text);
    const got = Array.from({ length: t.count }, (_, i) => {
      const [s, e] = tokenSpan(t, i);
      return text.slice(s, e);
    });
    expect(got).toEqual(['قال', 'موقع', 'Axios', 'إن', 'إيـران']);
    expect(tokenText(t, 4)).toBe('ايران');
  });

  it.each([
    ['space', 'إيران إسرائيل', BREAK_NONE],
    ['Arabic comma', 'إيران، إسرائيل', BREAK_STOP],
    ['Arabic semicolon', 'إيران؛ إسرائيل', BREAK_STOP],
    ['Arabic question mark', 'إيران؟ إسرائيل', BREAK_STOP],
    ['full stop', 'إيران. إسرائيل', BREAK_STOP],
    ['newline', 'إيران\nإسرائيل', BREAK_STOP],
    ['guillemets', 'إيران «إسرائيل»', BREAK_PUNCT],
    ['straight quotes', 'حركة "حماس"', BREAK_PUNCT],
    ['parenthesis', 'وكالة (إرنا)', BREAK_PUNCT],
  ])('break before the second word: %s', (_, text, kind) => {
    expect(tokenize(text).breakBefore[1]).toBe(kind);
  });

  it('keeps marks and tatweel inside the word they decorate', () => {
    const t = tokenize('عُـمـان');
    expect(t.count).toBe(1);
    expect(tokenSpan(t, 0)).toEqual([0, 7]);
  });
});

describe('clitics: proclitics on the first word of a name', () => {
  const strip = (w: string) => {
    const chars = Uint16Array.from(normalize(w), (c) => c.charCodeAt(0));
    const out: { skip: number; lead: number }[] = [];
    const n = cliticVariants(chars, 0, chars.length, out);
    return out.slice(0, n).map((v) => (v.lead ? String.fromCharCode(v.lead) : '') + String.fromCharCode(...chars.subarray(v.skip)));
  };
  it.each([
    ['وإيران', ['ايران']],
    ['لإيران', ['ايران']],
    ['فبإيران', ['بايران', 'ايران']],
    ['والولايات', ['الولايات']],
    ['بالعراق', ['العراق']],
    ['للعراق', ['العراق']],
    ['وللعراق', ['للعراق', 'العراق']],
    ['كالعادة', ['العاده']],
    ['وواشنطن', ['واشنطن']],
    ['إيران', []],
    ['ول', []], // too short to strip
  ])('%s', (word, expected) => {
    expect(strip(word)).toEqual(expected);
  });

  it('lists the written forms of a word with clitics', () => {
    expect(withClitics('العراق')).toEqual(expect.arrayContaining(['والعراق', 'بالعراق', 'للعراق', 'وللعراق']));
    expect(withClitics('إيران')).toEqual(expect.arrayContaining(['وإيران', 'لإيران', 'بإيران']));
  });
});

describe('nisba: adjective forms of places', () => {
  it('inflects for gender, number and definiteness', () => {
    expect(nisbaForms('إيراني')).toEqual(
      expect.arrayContaining([
        'إيراني',
        'إيرانية',
        'إيرانيون',
        'إيرانيين',
        'إيرانيان',
        'إيرانيتان',
        'إيرانيتين',
        'إيرانيات',
        'الإيراني',
        'الإيرانية',
        'الإيرانيون',
        'الإيرانيين',
        'الإيرانيتين',
      ]),
    );
  });
  it('leaves a word that is not a nisba alone', () => {
    expect(nisbaForms('عرب')).toEqual(['عرب']);
  });
  it('adds the article once', () => {
    expect(definite('الأتراك')).toBe('الأتراك');
    expect(definite('أتراك')).toBe('الأتراك');
  });
  it.each([
    ['أمريكا', 'أميركا'],
    ['أميركي', 'أمريكي'],
  ])('spelling variant of %s', (a, b) => {
    expect(spellingVariants(a)).toContain(b);
  });
});

describe('normalize agrees with the tokenizer', () => {
  it.each(['وَإِيرَان، والولايات   المتحدة!', 'ﺇﻳﺮﺍﻥ ﻻ', 'Iran\u200c إيـــران «حماس»', '  ', 'a-b ١٩٧٩ ک', 'ﷺ'.repeat(300), 'صلى ﷺ ' + 'ب'.repeat(5000)])(
    '%s',
    (s) => {
      expect(normalize(s)).toBe(normalizeWithMap(s).text);
    },
  );
});
