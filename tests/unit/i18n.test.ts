import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLang, safeHttpUrl, t } from '../../lib/i18n';

const root = join(import.meta.dirname, '../..');
const catalog = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('interface strings', () => {
  it('Arabic and English have the same keys, all valid for browser.i18n', () => {
    const ar = catalog('ar');
    const en = catalog('en');
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(ar)) expect(k).toMatch(/^[A-Za-z0-9_]+$/);
    for (const k of Object.keys(ar)) expect(ar[k]!.message.trim()).not.toBe('');
  });
  it('Arabic strings are Arabic', () => {
    const ar = catalog('ar');
    const latinOnly = Object.entries(ar).filter(([k, v]) => !/[\u0600-\u06ff]/.test(v.message) && !['link_wikipedia_en'].includes(k));
    expect(latinOnly.map(([k]) => k)).toEqual([]);
  });
  it('fills placeholders and follows the setting, else the browser language', () => {
    expect(t('ar', 'card_more_events', 3)).toBe('المزيد (3)');
    expect(t('en', 'card_more_events', 3)).toBe('More (3)');
    expect(resolveLang('auto', 'ar-EG')).toBe('ar');
    expect(resolveLang('auto', 'fr')).toBe('en');
    expect(resolveLang('ar', 'en-US')).toBe('ar');
  });
  it.each([
    ['https://ar.wikipedia.org/wiki/إيران', true],
    ['http://example.org', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['data:text/html,<script>', false],
    ['vbscript:x', false],
    ['//evil.example', false],
    ['', false],
  ])('only http(s) becomes a link: %s', (url, ok) => {
    expect(Boolean(safeHttpUrl(url))).toBe(ok);
  });
});

describe('product code renders untrusted data as text', () => {
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|createContextualFragment)\b|\beval\(|new Function\(|document\.write\(/;
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? files(join(dir, d.name)) : /\.(ts|tsx)$/.test(d.name) ? [join(dir, d.name)] : [],
    );
  it.each(['entrypoints', 'components', 'lib'])('no HTML or code sinks in %s/', (dir) => {
    const hits = files(dir).filter((f) => sinks.test(readFileSync(join(root, f), 'utf8')));
    expect(hits).toEqual([]);
  });
});
