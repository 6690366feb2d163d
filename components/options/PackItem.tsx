import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PackRecord } from '../../lib/db/database';
import { safeHttpUrl } from '../../lib/i18n';
import { ErrorBox } from './ErrorBox';
import type { ErrorContext, ErrorInfo } from './errors';
import { formatBytes, formatCount, formatDate } from './format';
import { useLang, useT } from './lang';
import { BUNDLED_PACK_ID } from './packActions';

export interface PackNote {
  kind: 'info' | 'error';
  text?: string;
  context?: ErrorContext;
  error?: ErrorInfo;
  /** A follow-up the reader can take from the note (a click of its own, e.g. to grant a permission). */
  action?: { label: string; run(): void };
}

export interface PackItemProps {
  pack: PackRecord;
  /** A task is running on this pack: its actions wait. */
  busy: boolean;
  /** A request of this page on this pack is in flight (enable, export, check). */
  pending?: string;
  note?: PackNote;
  onEnable(enabled: boolean): void;
  onUpdate(): void;
  onExport(): void;
  onDelete(): void;
  onReimport(): void;
  onVerify(): void;
  onImportAgain(): void;
}

function Link({ href, children }: { href: string | undefined; children: ComponentChildren }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <>{children}</>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

export function PackItem(props: PackItemProps) {
  const { pack } = props;
  const lang = useLang();
  const tr = useT();
  const [confirming, setConfirming] = useState(false);
  const m = pack.meta;
  const primary = lang === 'en' && m.name.en ? { text: m.name.en, lang: 'en' } : { text: m.name.ar, lang: 'ar' };
  const secondary = lang === 'en' && m.name.en ? { text: m.name.ar, lang: 'ar' } : m.name.en ? { text: m.name.en, lang: 'en' } : undefined;
  const description = lang === 'en' ? (m.description?.en ?? m.description?.ar) : (m.description?.ar ?? m.description?.en);
  const damaged = pack.status === 'damaged';
  const disabled = props.busy || !!props.pending;
  const canUpdate = !!m.updateUrl || pack.source.kind === 'bundled';
  const canReimport = pack.source.kind === 'bundled' || (pack.source.kind === 'url' && !!pack.source.url);
  const titleId = `pack-title-${pack.id}`;

  return (
    <li
      class={`pack${damaged ? ' pack-damaged' : ''}${pack.enabled ? '' : ' pack-off'}`}
      data-testid="pack"
      data-pack-id={pack.id}
      data-version={m.version}
      data-entities={m.counts.entities}
      data-events={m.counts.events}
      data-status={pack.status}
      data-enabled={String(pack.enabled)}
      data-busy={String(props.busy)}
      aria-labelledby={titleId}
    >
      <header class="pack-head">
        <div>
          <h3 id={titleId} class="pack-name">
            <span lang={primary.lang} dir={primary.lang === 'ar' ? 'rtl' : 'ltr'}>
              {primary.text}
            </span>
            {secondary && (
              <span class="pack-other-name" lang={secondary.lang} dir={secondary.lang === 'ar' ? 'rtl' : 'ltr'}>
                {secondary.text}
              </span>
            )}
          </h3>
          <p class="pack-sub">
            <span>{tr('options_version', m.version)}</span>
            <span class="sep" aria-hidden="true">
              ·
            </span>
            <code dir="ltr" class="pack-id">
              {pack.id}
            </code>
          </p>
        </div>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="pack-enabled"
            checked={pack.enabled}
            disabled={disabled}
            onChange={(e) => props.onEnable((e.currentTarget as HTMLInputElement).checked)}
          />
          <span>{pack.enabled ? tr('options_pack_on') : tr('options_pack_off')}</span>
        </label>
      </header>

      {description && (
        <p class="pack-desc" dir="auto">
          {description}
        </p>
      )}

      <dl class="pack-facts">
        <div>
          <dt>{tr('options_counts')}</dt>
          <dd data-testid="pack-counts">{tr('options_counts_value', formatCount(m.counts.entities), formatCount(m.counts.events))}</dd>
        </div>
        <div>
          <dt>{tr('options_size')}</dt>
          <dd>{formatBytes(lang, pack.bytes)}</dd>
        </div>
        <div>
          <dt>{tr('options_source')}</dt>
          <dd>
            {pack.source.kind === 'bundled' && tr('options_source_bundled')}
            {pack.source.kind === 'file' && (
              <>
                {tr('options_source_file')}{' '}
                {pack.source.name && (
                  <bdi class="file-name" dir="auto">
                    {pack.source.name}
                  </bdi>
                )}
              </>
            )}
            {pack.source.kind === 'url' && (
              <>
                {tr('options_source_url')}{' '}
                <bdi dir="ltr">
                  <Link href={pack.source.url}>{pack.source.url}</Link>
                </bdi>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{tr('options_installed')}</dt>
          <dd>
            {formatDate(lang, pack.installedAt)}
            {formatDate(lang, pack.updatedAt) !== formatDate(lang, pack.installedAt) && <> · {tr('options_updated_at', formatDate(lang, pack.updatedAt))}</>}
          </dd>
        </div>
        <div>
          <dt>{tr('options_status')}</dt>
          <dd data-testid="pack-status">
            {damaged ? <span class="bad">{tr('options_status_damaged')}</span> : <span class="good">{tr('options_status_ok')}</span>}
          </dd>
        </div>
      </dl>

      {damaged && (
        <div class="damage" role="alert">
          <p>
            {tr('options_damaged_problem')}{' '}
            <code dir="ltr" lang="en">
              {pack.problem ?? '?'}
            </code>
          </p>
          {canReimport ? (
            <button type="button" class="primary" data-action="reimport" disabled={disabled} onClick={props.onReimport}>
              {tr('options_reimport')}
            </button>
          ) : (
            <p>
              {tr('options_damaged_from_file')}{' '}
              <button type="button" data-action="import-again" onClick={props.onImportAgain}>
                {tr('options_import_choose')}
              </button>
            </p>
          )}
        </div>
      )}

      <details class="pack-licences" open={pack.source.kind === 'bundled'}>
        <summary>{tr('options_licences', m.licenses.length)}</summary>
        <ul>
          {m.licenses.map((l, i) => (
            <li key={i} data-testid="licence">
              <strong>
                <bdi dir="ltr">
                  <Link href={l.url}>{l.name}</Link>
                </bdi>
              </strong>
              {l.scope && (
                <span class="licence-scope">
                  {' — '}
                  <bdi dir="auto">{l.scope}</bdi>
                </span>
              )}
              {l.attribution && (
                <p class="attribution" dir="auto" data-testid="attribution">
                  {l.attribution}
                </p>
              )}
            </li>
          ))}
        </ul>
        {m.sources && m.sources.length > 0 && (
          <>
            <h4>{tr('options_pack_sources')}</h4>
            <ul class="pack-sources">
              {m.sources.map((s, i) => (
                <li key={i}>
                  <bdi dir="auto">
                    <Link href={s.url}>{s.name}</Link>
                  </bdi>
                </li>
              ))}
            </ul>
          </>
        )}
      </details>

      {pack.lastUpdateCheck && (
        <p class="muted">
          {tr('options_last_check', formatDate(lang, pack.lastUpdateCheck.at))}
          {pack.lastUpdateCheck.available ? ` · ${tr('options_available', pack.lastUpdateCheck.available)}` : ''}
          {pack.lastUpdateCheck.error ? ` · ${tr('options_last_check_error', pack.lastUpdateCheck.error)}` : ''}
        </p>
      )}

      {props.note?.kind === 'info' && (
        <p class="note" role="status" data-testid="pack-note">
          {props.note.text}
          {props.note.action && (
            <>
              {' '}
              <button type="button" data-testid="pack-note-action" onClick={props.note.action.run}>
                {props.note.action.label}
              </button>
            </>
          )}
        </p>
      )}
      {props.note?.kind === 'error' && props.note.error && <ErrorBox context={props.note.context ?? 'update'} error={props.note.error} />}

      <div class="pack-actions">
        {canUpdate && (
          <button type="button" data-action="update" disabled={disabled} onClick={props.onUpdate}>
            {props.pending === 'update' ? tr('options_checking') : tr('options_update')}
          </button>
        )}
        <button type="button" data-action="export" disabled={disabled} onClick={props.onExport}>
          {props.pending === 'export' ? tr('options_exporting') : tr('options_export')}
        </button>
        <button type="button" data-action="verify" disabled={disabled} onClick={props.onVerify}>
          {props.pending === 'verify' ? tr('options_verifying') : tr('options_verify')}
        </button>
        {!confirming ? (
          <button type="button" class="danger" data-action="delete" disabled={disabled} onClick={() => setConfirming(true)}>
            {tr('options_delete')}
          </button>
        ) : (
          <span class="confirm" role="group" aria-label={tr('options_delete_confirm_q', primary.text)}>
            <span>{tr('options_delete_confirm_q', primary.text)}</span>
            {pack.id === BUNDLED_PACK_ID && <span class="muted small">{tr('options_bundled_hint')}</span>}
            <button
              type="button"
              class="danger"
              data-action="delete-confirm"
              disabled={disabled}
              onClick={() => {
                setConfirming(false);
                props.onDelete();
              }}
            >
              {tr('options_delete_yes')}
            </button>
            <button type="button" data-action="delete-cancel" onClick={() => setConfirming(false)}>
              {tr('options_cancel')}
            </button>
          </span>
        )}
      </div>
    </li>
  );
}
