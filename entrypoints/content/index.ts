import { browser } from 'wxt/browser';
import { today } from '../../lib/card/dates';
import { resolveLang } from '../../lib/i18n';
import { request } from '../../lib/messages/client';
import type { TabMessage } from '../../lib/messages/protocol';
import { isArabicPage } from '../../lib/page/article';
import { PageController } from '../../lib/page/controller';
import { highlightSupported } from '../../lib/page/mentions';
import { NEWS_SITE_MATCHES } from '../../lib/sites';

export default defineContentScript({
  matches: [...NEWS_SITE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    if (!isArabicPage(document) || !highlightSupported()) return;
    const status = await request('status', { origin: location.origin });
    if (!status.enabled || status.empty || ctx.isInvalid) return;
    const controller = new PageController(document, {
      annotate: (p) => request('annotate', p),
      card: (p) => request('card', p),
      timeline: (p) => request('timeline', p),
      status,
      lang: resolveLang(status.settings.language, browser.i18n.getUILanguage()),
      today: today(),
      listen: (target, type, fn, opts) => ctx.addEventListener(target as Window, type as keyof WindowEventMap, fn as never, opts),
    });
    controller.start();
    ctx.onInvalidated(() => controller.dispose());
    // Extension pages (the popup) ask what is on this page; a web page cannot send these.
    const onMessage = (msg: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const m = msg as TabMessage;
      if (m?.siyaq !== 1) return undefined;
      if (m.type === 'page.mentions') return controller.ready.then(() => controller.summary());
      if (m.type === 'page.reveal' && typeof m.id === 'string') return Promise.resolve({ found: controller.revealEntity(m.id) });
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
