/**
 * The demo news page (the seed article laid out as an Arabic news site would) and the test
 * pages built from it: hostile CSS, a page that keeps adding paragraphs, a 100k-word page, a
 * page with markup-looking text. Served by scripts/demo/server.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const SEED_DATE = '2024-05-19';
export const HEADLINE = 'إيران تؤكد إجراء محادثات غير مباشرة مع الولايات المتحدة في سلطنة عمان';

export function seedLines(): string[] {
  return readFileSync(join(FIXTURES, 'seed-article.txt'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

const SITE_CSS = `
  body { margin: 0; font: 18px/1.8 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif; color: #222; background: #f4f4f2; }
  .site-header { background: #b3001b; color: #fff; padding: 10px 24px; display: flex; align-items: center; gap: 32px; }
  .site-header .logo { font-size: 26px; font-weight: 700; letter-spacing: 1px; }
  .site-header nav a { color: #fff; text-decoration: none; margin-inline-start: 18px; font-size: 16px; }
  main { max-width: 760px; margin: 24px auto; background: #fff; padding: 24px 32px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { font-size: 30px; line-height: 1.4; margin: 0 0 12px; }
  .byline { color: #666; font-size: 15px; margin: 0 0 18px; }
  .summary { background: #f7f1e3; border-inline-start: 4px solid #b3001b; padding: 10px 16px; margin: 0 0 20px; }
  .summary h2 { font-size: 16px; margin: 0; color: #b3001b; }
  .read-more { border-top: 2px solid #b3001b; border-bottom: 1px solid #ddd; margin: 24px 0; padding: 8px 0 12px; }
  .read-more h3 { margin: 0 0 6px; font-size: 17px; color: #b3001b; }
  .read-more ul { margin: 0; padding-inline-start: 20px; font-size: 16px; }
  .read-more a { color: #1a4f8b; text-decoration: none; }
  .node-field { color: #999; font-size: 13px; direction: rtl; }
  .site-footer { text-align: center; color: #777; font-size: 14px; padding: 24px; }
`;

function shell(opts: { title: string; head?: string; css?: string; body: string; date?: string }): string {
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<meta property="article:published_time" content="${opts.date ?? SEED_DATE}T09:30:00+03:00">
<style>${SITE_CSS}${opts.css ?? ''}</style>
${opts.head ?? ''}
</head>
<body>
<header class="site-header"><span class="logo">الإخبارية</span>
<nav aria-label="الأقسام"><a href="#">الرئيسية</a><a href="#">سياسة</a><a href="#">اقتصاد</a><a href="#">الشرق الأوسط</a><a href="#">رياضة</a><a href="#">ثقافة</a></nav></header>
${opts.body}
<footer class="site-footer">© الإخبارية ٢٠٢٤ · جميع الحقوق محفوظة · <a href="#">من نحن</a> · <a href="#">اتصل بنا</a></footer>
</body>
</html>
`;
}

/** The seed article as a news page. */
export function articleBody(extraParagraphs: string[] = []): string {
  const lines = seedLines();
  const [summaryTitle, summary, ...rest] = lines;
  const readMoreAt = rest.findIndex((l) => l === 'اقرأ المزيد');
  const before = rest.slice(0, readMoreAt);
  const nodeField = rest[readMoreAt + 1] ?? '';
  const after = rest.slice(readMoreAt + 2);
  const p = (l: string) => `<p>${esc(l)}</p>`;
  return `<main>
<article>
<h1>${esc(HEADLINE)}</h1>
<p class="byline">اندبندنت عربية ووكالات · <time datetime="${SEED_DATE}">الأحد 19 مايو 2024</time></p>
<section class="summary"><h2>${esc(summaryTitle ?? 'ملخص')}</h2><p>${esc(summary ?? '')}</p></section>
<div class="article-body" itemprop="articleBody">
${before.map(p).join('\n')}
<aside class="read-more"><h3>اقرأ المزيد</h3><p class="node-field">${esc(nodeField)}</p>
<ul><li><a href="#">محادثات مسقط: ما الذي نعرفه عن الوساطة العمانية؟</a></li><li><a href="#">ماذا بعد الرد الإيراني؟</a></li></ul></aside>
${after.map(p).join('\n')}
${extraParagraphs.map(p).join('\n')}
</div>
</article>
</main>`;
}

export function demoPage(): string {
  return shell({ title: HEADLINE, body: articleBody() });
}

/** Page CSS that targets everything, with huge z-indexes: the card must stay intact. */
export function hostilePage(): string {
  return shell({
    title: 'hostile',
    css: `* { all: unset !important; } *:not(html):not(head):not(style):not(script) { display: block !important; z-index: 2147483647 !important; position: relative !important; }
          siyaq-card-layer, siyaq-card-layer * { display: none !important; opacity: 0 !important; }
          .cover { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgba(255,0,0,.05) !important; pointer-events: none !important; }`,
    body: articleBody() + '<div class="cover"></div>',
  });
}

/** A page that appends a paragraph a little after load, like lazy-loaded content. */
export function growingPage(): string {
  const late = 'وفي تطور لاحق، أعلنت سويسرا استعدادها لاستضافة جولة جديدة من المحادثات بين طهران وواشنطن.';
  return shell({
    title: 'growing',
    body: articleBody(),
    head: `<script>setTimeout(() => { const p = document.createElement('p'); p.id = 'late'; p.textContent = ${JSON.stringify(late)}; document.querySelector('.article-body').append(p); }, 1500);</script>`,
  });
}

/** Text that looks like markup and script: it must stay text. */
export function markupTextPage(): string {
  const body = articleBody(['قالت إيران إن الرسالة <img src=x onerror="window.__pwned=1"> لا تعني شيئا، وإن <script>window.__pwned=2</script> ليست خطة.']);
  return shell({ title: 'markup text', body });
}

/** An n-word Arabic page built from the seed article's sentences (for the benchmark). */
export function bigPage(words: number): string {
  const lines = seedLines().filter((l) => l.split(' ').length > 6);
  const paras: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const l = lines[i % lines.length]!;
    paras.push(`<p>${esc(l)}</p>`);
    count += l.split(/\s+/).length;
  }
  return shell({
    title: `${words} words`,
    body: `<main><article><h1>${esc(HEADLINE)}</h1><div itemprop="articleBody">${paras.join('\n')}</div></article></main>`,
  });
}

/** A page without any Arabic (the content script must stay idle). */
export function englishPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>English</title></head><body><main><article><h1>Iran and the United States</h1><p>Talks in Oman between Iran and the United States continued.</p></article></main></body></html>`;
}

/** A short Arabic article made of the given paragraphs (names from test packs). */
export function namesPage(paragraphs: string[]): string {
  return shell({ title: 'names', body: `<main><article><h1>خبر</h1>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></main>` });
}
