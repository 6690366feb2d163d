/**
 * The tab the popup talks about: the active tab of the current window, or the one named by
 * `?tab=<id>` in the popup's URL. That parameter is a testing and accessibility entry point:
 * end-to-end tests (and anyone opening popup.html in a tab, e.g. to read it with a screen
 * reader at full size) cannot rely on "the active tab" being the article.
 */
import { browser } from 'wxt/browser';
import type { PageMentionSummary, TabMessage } from '../../lib/messages/protocol';

export interface TabInfo {
  id: number;
  /** Known when Siyaq may see it (activeTab in a real popup, or host permission). */
  url?: string;
  /** The http(s) origin of the tab, when it is a web page. */
  origin?: string;
}

/** The origin of an http(s) URL; undefined for anything else (chrome:, about:, file:, ...). */
export function httpOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export async function resolveTab(override: number | undefined): Promise<TabInfo | null> {
  try {
    const tab = override !== undefined ? await browser.tabs.get(override) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (!tab || tab.id === undefined) return null;
    const origin = httpOrigin(tab.url);
    return { id: tab.id, ...(tab.url ? { url: tab.url } : {}), ...(origin ? { origin } : {}) };
  } catch {
    return null;
  }
}

const send = (tabId: number, msg: TabMessage): Promise<unknown> => browser.tabs.sendMessage(tabId, msg);

/**
 * What the tab's content script found, or null when the tab has no content script (a page
 * Siyaq is off for, a browser page, a page that is not Arabic): then there is nothing to list.
 * The reply comes from a content script, which is only as trusted as its page: check its shape.
 */
export async function pageMentions(tab: TabInfo, attempts = 1): Promise<PageMentionSummary | null> {
  if (tab.url && !tab.origin) return null;
  for (let i = 0; i < attempts; i++) {
    if (i) await new Promise((r) => setTimeout(r, 400));
    try {
      const reply = await send(tab.id, { siyaq: 1, type: 'page.mentions' });
      return cleanSummary(reply);
    } catch {
      // No receiver (yet): the content script is not running in this tab.
    }
  }
  return null;
}

function cleanSummary(reply: unknown): PageMentionSummary | null {
  if (typeof reply !== 'object' || reply === null) return null;
  const r = reply as { entities?: unknown; asOf?: unknown };
  if (!Array.isArray(r.entities)) return null;
  const entities: PageMentionSummary['entities'] = [];
  for (const e of r.entities.slice(0, 500)) {
    if (typeof e !== 'object' || e === null) continue;
    const { id, label, labelEn, type, count } = e as Record<string, unknown>;
    if (typeof id !== 'string' || typeof label !== 'string' || typeof count !== 'number' || !(count > 0)) continue;
    entities.push({
      id: id.slice(0, 128),
      label: label.slice(0, 300),
      ...(typeof labelEn === 'string' ? { labelEn: labelEn.slice(0, 300) } : {}),
      type: (typeof type === 'string' ? type : 'other') as PageMentionSummary['entities'][number]['type'],
      count: Math.floor(count),
    });
  }
  const asOf = typeof r.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.asOf) ? r.asOf : undefined;
  return asOf ? { entities, asOf } : { entities, asOf: '' };
}

/** Scrolls the tab to the first mention of an entity and flashes it. */
export async function revealOnPage(tabId: number, id: string): Promise<boolean> {
  try {
    const reply = (await send(tabId, { siyaq: 1, type: 'page.reveal', id })) as { found?: unknown } | undefined;
    return reply?.found === true;
  } catch {
    return false;
  }
}
