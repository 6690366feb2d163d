/**
 * The toolbar popup (also opened in a tab as popup.html?entity=ID&asOf=YYYY-MM-DD by the "more"
 * link of hover cards, and as popup.html?tab=ID for tests: see components/popup/tab.ts).
 * The shell renders synchronously, in the last-used language; data arrives after first paint.
 */
import { render } from 'preact';
import '../../components/card.css';
import '../../components/popup/popup.css';
import { App, applyLang, initialLang } from '../../components/popup/App';
import { parseParams } from '../../components/popup/util';

const params = parseParams(location.search);
const lang = initialLang();
applyLang(lang);
if (params.entity || params.tab !== undefined) document.documentElement.classList.add('in-tab');
render(<App params={params} lang={lang} />, document.getElementById('app')!);
// For tests: when the shell was in the document (rendered synchronously, before any data).
performance.mark('siyaq-popup-shell', { detail: { search: document.getElementById('siyaq-q') !== null || params.entity !== undefined } });
