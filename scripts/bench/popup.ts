/**
 * The popup: first paint when it opens, and search as you type with the default pack (issue 6:
 * first paint under 100 ms, under 50 ms per keystroke), against a baseline in the same run: an
 * empty extension page (about:blank-like, only the browser's own cost of opening a page).
 */
import { launch } from '../../tests/e2e/harness';
import { goal, medMin, ms, stats, table } from './report';
import { shimNames, timedCall } from './browser';

const QUERIES = ['ا', 'اي', 'ايران', 'الإ', 'الإيرانية', 'عم', 'عمان', 'I', 'Ir', 'Iran', 'حماس', 'بنيامين نت'];

export async function benchPopup(opts: { quick?: boolean } = {}): Promise<void> {
  const runs = opts.quick ? 3 : 7;
  const s = await launch();
  try {
    await s.waitForPacks();
    const paints: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      for (const [path, out] of [
        ['popup.html', paints],
        ['_locales/ar/messages.json', blank],
      ] as const) {
        const page = await s.context.newPage();
        await shimNames(page);
        await page.goto(s.extUrl(path));
        const fcp = await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const done = () => {
                const e = performance.getEntriesByName('first-contentful-paint')[0] ?? performance.getEntriesByName('first-paint')[0];
                if (e) resolve(e.startTime);
                else requestAnimationFrame(done);
              };
              done();
            }),
        );
        if (i > 0) out.push(fcp);
        await page.close();
      }
    }
    const p = stats(paints);
    const b = stats(blank);
    goal('popup', 'first paint of the popup', '< 100 ms', `${medMin(p)}; a plain extension page: ${medMin(b)}`, p.median < 100);

    // Search per keystroke: the request round trip from the popup page, first keystroke included
    // (it builds the search index when the worker has none yet).
    const page = await s.context.newPage();
    await shimNames(page);
    await page.goto(s.extUrl('popup.html'));
    const rows: string[][] = [];
    const all: number[] = [];
    const medians: number[] = [];
    for (const q of QUERIES) {
      const times: number[] = [];
      let tookMs = 0;
      let top = '';
      for (let i = 0; i < runs; i++) {
        const r = await timedCall<{ results: { id: string; label: { ar: string } }[]; tookMs: number }>(page, 'search', { query: q, limit: 20 });
        times.push(r.ms);
        tookMs = r.value.tookMs;
        top = r.value.results[0]?.label.ar ?? '(none)';
      }
      const st = stats(times);
      all.push(...times);
      medians.push(st.median);
      rows.push([q, medMin(st), ms(tookMs), top]);
    }
    table(
      'Popup: search as you type (request round trip from the popup page; default pack)',
      ['query', 'round trip', 'search in the worker', 'first result'],
      rows,
    );
    const worst = Math.max(...medians);
    const st = stats(all);
    goal('popup', 'search per keystroke (round trip, default pack)', '< 50 ms', `median ${ms(st.median)}, worst query median ${ms(worst)}`, worst < 50);
  } finally {
    await s.close();
  }
}
