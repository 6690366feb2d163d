import { describe, expect, it } from 'vitest';
import { normalize } from '../../lib/text/normalize';
import { ordinaryTest, surnameOf } from '../../scripts/pack/build';

const set = (...words: string[]) => new Set(words.map(normalize));

describe('which names the pack builder treats as ordinary words', () => {
  const ordinary = ordinaryTest(set('أنه', 'إن', 'قال', 'عقوبة', 'الأمم'), set('محمد', 'آكو', 'أوس'));
  it.each([
    ['a common word', 'قال', true],
    ['a first name', 'محمد', true],
    ['a common word with ب', 'بأنه', true],
    ['a common word with ف', 'فإن', true],
    ['a common word with لل (ل + ال)', 'للأمم', true],
    ['a city that is ب + a common word (بعقوبة = with punishment)', 'بعقوبة', true],
    ['Baku is not ب + the first name آكو', 'باكو', false],
    ['Laos is not ل + the first name أوس', 'لاوس', false],
    ['a name that is no word at all', 'طهران', false],
  ])('%s: %s', (_, name, expected) => {
    expect(ordinary(name)).toBe(expected);
  });
});

describe('the family name the builder gives a person from open data', () => {
  it.each([
    ['a full name ends in the family name', 'ألبرت أينشتاين', 'أينشتاين'],
    ['a three-word name', 'كارلوس ألبرتو باريرا', 'باريرا'],
    ['one word has no family name', 'كافو', undefined],
    ["a king's style ends in his realm, not a surname", 'تشارلز الأول ملك إنجلترا', undefined],
    ["a princess's style", 'ديانا أميرة ويلز', undefined],
    ["an empress's style", 'إليزابيث إمبراطورة النمسا', undefined],
    ['أمير as a first name is no style', 'أمير خان', 'خان'],
  ])('%s: %s', (_, name, expected) => {
    expect(surnameOf(name)).toBe(expected);
  });
});
