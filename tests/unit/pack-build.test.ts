import { describe, expect, it } from 'vitest';
import { normalize } from '../../lib/text/normalize';
import { ordinaryTest } from '../../scripts/pack/build';

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
