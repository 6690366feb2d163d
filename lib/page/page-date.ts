/**
 * The article's publication date, which makes events "prior": article:published_time, then
 * JSON-LD datePublished, then a <time datetime> in the article, else today.
 */

const DAY = /^(\d{4}-\d{2}-\d{2})/;

function day(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = DAY.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(m[1] + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) ? undefined : m[1];
}

function fromJsonLd(doc: Document): string | undefined {
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 20)) {
    const text = s.textContent ?? '';
    if (text.length > 200_000) continue;
    try {
      const stack: unknown[] = [JSON.parse(text)];
      while (stack.length) {
        const v = stack.pop();
        if (Array.isArray(v)) stack.push(...v);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          const d = typeof o.datePublished === 'string' ? day(o.datePublished) : undefined;
          if (d) return d;
          if (o['@graph']) stack.push(o['@graph']);
        }
      }
    } catch {
      /* a page's broken JSON-LD is not our problem */
    }
  }
  return undefined;
}

export function publishedDate(doc: Document, root: Element | null, today: string): string {
  const meta = doc.querySelector('meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"]');
  return (
    day(meta?.getAttribute('content')) ??
    fromJsonLd(doc) ??
    day((root ?? doc).querySelector('time[datetime]')?.getAttribute('datetime')) ??
    day(doc.querySelector('time[datetime]')?.getAttribute('datetime')) ??
    today
  );
}
