/** Says when there is nothing to look names up in: no pack, packs off, or a damaged pack. */
import { browser } from 'wxt/browser';
import { pick } from '../EntityCard';
import { t, type Lang } from '../../lib/i18n';
import type { PacksOverview } from '../../lib/messages/protocol';

export interface PackNoticeProps {
  lang: Lang;
  /** undefined while loading; an Error when the list could not be read. */
  overview: PacksOverview | Error | undefined;
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage().catch(() => undefined);
}

export function packProblems(lang: Lang, overview: PacksOverview | Error): string[] {
  if (overview instanceof Error) return [t(lang, 'popup_packs_error', overview.message)];
  const { packs, tasks } = overview;
  const out: string[] = [];
  const running = tasks.some((x) => !x.done);
  const usable = packs.filter((p) => p.status === 'ok');
  if (!packs.length) out.push(t(lang, running ? 'popup_packs_installing' : 'popup_no_packs'));
  for (const p of packs) if (p.status === 'damaged') out.push(t(lang, 'popup_pack_damaged', pick(p.meta.name, lang) || p.id));
  if (usable.length && !usable.some((p) => p.enabled)) out.push(t(lang, 'popup_packs_disabled'));
  else if (packs.length && !usable.length && !running) out.push(t(lang, 'popup_no_usable_packs'));
  return out;
}

export function PackNotice({ lang, overview }: PackNoticeProps) {
  if (!overview) return null;
  const problems = packProblems(lang, overview);
  if (!problems.length) return null;
  return (
    <div class="pack-notice" role="alert">
      {problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <button type="button" class="linkish" onClick={openOptions}>
        {t(lang, 'popup_manage_packs')}
      </button>
    </div>
  );
}
