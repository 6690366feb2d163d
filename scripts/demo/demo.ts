/**
 * npm run demo: the main job. Serves the demo news page (the seed article) on localhost and
 * opens Chromium with the built extension on it. With a display, the browser stays open for you
 * to hover names. Without one (no DISPLAY), it runs headless: hovers إيران, saves a screenshot with
 * the card open (docs/screenshots/demo-card.png), and prints what it found.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cardText, highlightCount, hover, launch, waitForCard } from '../../tests/e2e/harness';

const OUT = join(import.meta.dirname, '../../docs/screenshots');

interface Summary {
  entities: { id: string; label: string; labelEn?: string; type: string; count: number }[];
  asOf: string;
}

async function main(): Promise<void> {
  const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');
  const session = await launch({ headless: !headed, viewport: { width: 1280, height: 900 } });
  console.log(`Siyaq ${headed ? '(headed)' : '(headless)'}: extension ${session.extensionId}, demo page ${session.server.url}/article.html`);
  await session.waitForPacks();
  const page = await session.openArticle('/article.html');
  const count = await highlightCount(page);
  // What the popup's "On this page" shows: ask the page's content script through an extension page.
  const tabId = await (
    await session.context.newPage().then(async (p) => {
      await p.goto(session.extUrl('options.html'));
      return p;
    })
  ).evaluate(async (url) => {
    const c = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } }
    ).chrome;
    const [tab] = await c.tabs.query({ url: url + '/*' });
    return c.tabs.sendMessage(tab!.id, { siyaq: 1, type: 'page.mentions' });
  }, session.server.url);
  const summary = tabId as Summary;
  console.log(`\n${count} mentions highlighted on the demo article (published ${summary.asOf}); ${summary.entities.length} entities:`);
  for (const e of summary.entities) console.log(`  ${String(e.count).padStart(3)} × ${e.label}${e.labelEn ? ` (${e.labelEn})` : ''} — ${e.type}, ${e.id}`);

  await page.bringToFront();
  await hover(page, 'إيران');
  const text = await waitForCard(page, 'Iran');
  await page.waitForTimeout(300);
  mkdirSync(OUT, { recursive: true });
  const shot = join(OUT, 'demo-card.png');
  await page.screenshot({ path: shot });
  console.log(`\nHovered إيران; the card says:\n  ${text.slice(0, 400)}${text.length > 400 ? '…' : ''}\n\nScreenshot with the card open: ${shot}`);

  if (headed) {
    console.log('\nThe browser stays open: hover the underlined names. Close the window (or press Ctrl+C) to stop.');
    await new Promise<void>((resolve) => {
      session.context.on('close', () => resolve());
      process.on('SIGINT', () => resolve());
    });
  } else if (!(await cardText(page))) throw new Error('the card closed before the screenshot');
  await session.close().catch(() => undefined);
}

main().catch((e: unknown) => {
  console.error(`demo failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
