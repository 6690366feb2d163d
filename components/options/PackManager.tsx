import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PackRecord } from '../../lib/db/database';
import { putUpload } from '../../lib/db/packs';
import { request } from '../../lib/messages/client';
import type { TaskState } from '../../lib/messages/protocol';
import { ErrorBox } from './ErrorBox';
import type { ErrorContext } from './errors';
import { formatBytes, formatCount, httpsOriginPattern, percent } from './format';
import { useLang, useT } from './lang';
import { errorInfo, exportAndDownload, isPackFileName } from './packActions';
import { PackItem, type PackNote } from './PackItem';
import { TaskView } from './TaskView';
import { usePacks } from './usePacks';

const task = (id: string, kind: TaskState['kind'], label: string, packId?: string): TaskState => ({
  id,
  kind,
  label,
  done: false,
  ...(packId ? { packId } : {}),
});

export function PackManager() {
  const lang = useLang();
  const tr = useT();
  const { overview, listError, tasks, refresh, track, fail, dismiss } = usePacks();
  const [notes, setNotes] = useState<Record<string, PackNote | undefined>>({});
  const [pending, setPending] = useState<Record<string, string | undefined>>({});
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string>();
  const [persistNote, setPersistNote] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const packs = overview?.packs ?? [];
  const note = (id: string, n: PackNote | undefined) => setNotes((prev) => ({ ...prev, [id]: n }));
  const busy = (id: string) => tasks.some((t) => !t.task.done && t.task.packId === id);

  /** Runs a quick request on a pack (no background task), showing it as pending meanwhile. */
  const withPending = async (p: PackRecord, what: string, context: ErrorContext, fn: () => Promise<void>) => {
    setPending((prev) => ({ ...prev, [p.id]: what }));
    note(p.id, undefined);
    try {
      await fn();
    } catch (e) {
      note(p.id, { kind: 'error', context, error: errorInfo(e) });
    } finally {
      setPending((prev) => ({ ...prev, [p.id]: undefined }));
    }
  };

  // ---- Import ---------------------------------------------------------------------------

  const importFiles = async (files: File[]) => {
    for (const file of files) {
      if (!isPackFileName(file.name)) {
        fail('import', file.name, { message: `"${file.name}" is not a .json or .json.gz file`, code: 'invalid' });
        continue;
      }
      try {
        const uploadId = await putUpload(file.name, file);
        const { taskId } = await request('packs.import', { from: 'upload', uploadId });
        track(task(taskId, 'import', file.name), { what: file.name });
      } catch (e) {
        fail('import', file.name, errorInfo(e));
      }
    }
  };

  const importUrl = async () => {
    const target = url.trim();
    const origin = httpsOriginPattern(target);
    if (!origin || target.length > 2048 || /\s/.test(target)) {
      setUrlProblem(tr('options_url_invalid'));
      return;
    }
    setUrlProblem(undefined);
    // First thing in the click handler, so the browser sees the reader's gesture.
    let granted: boolean;
    try {
      granted = await browser.permissions.request({ origins: [origin] });
    } catch (e) {
      fail('import', target, { ...errorInfo(e), code: 'permission' });
      return;
    }
    if (!granted) {
      fail('import', target, { message: `permission to download from ${new URL(target).host} was not given`, code: 'permission' });
      return;
    }
    try {
      const { taskId } = await request('packs.import', { from: 'url', url: target });
      track(task(taskId, 'import', target), { what: target });
      setUrl('');
    } catch (e) {
      fail('import', target, errorInfo(e));
    }
  };

  // ---- Pack actions ---------------------------------------------------------------------

  const enable = (p: PackRecord, enabled: boolean) =>
    withPending(p, 'enable', 'enable', async () => {
      await request('packs.enable', { id: p.id, enabled });
      await refresh();
    });

  /** Asks for a host permission in the click that wants it; says so on the pack when refused. */
  const askHost = async (p: PackRecord, origin: string | undefined, from: string): Promise<boolean> => {
    let granted = false;
    try {
      granted = origin ? await browser.permissions.request({ origins: [origin] }) : false;
    } catch {
      granted = false;
    }
    if (!granted) note(p.id, { kind: 'error', context: 'update', error: { message: `permission to download from ${from} was not given`, code: 'permission' } });
    return granted;
  };

  const update = async (p: PackRecord) => {
    const updateUrl = p.meta.updateUrl;
    // The background downloads only with the host permission; ask while the click is fresh.
    if (updateUrl && !(await askHost(p, httpsOriginPattern(updateUrl), updateUrl))) return;
    await withPending(p, 'update', 'update', async () => {
      if (updateUrl) {
        const check = await request('packs.update', { id: p.id, check: true });
        await refresh();
        if (check.upToDate) {
          note(p.id, { kind: 'info', text: tr('options_up_to_date', check.current) });
          return;
        }
        // The update index may point at another host: that permission needs a click of its own
        // (the first one was spent on the index's host), so offer it rather than fail.
        const packOrigin = check.packOrigin ? httpsOriginPattern(check.packOrigin) : undefined;
        if (packOrigin && !(await browser.permissions.contains({ origins: [packOrigin] }).catch(() => false))) {
          const host = new URL(check.packOrigin!).host;
          note(p.id, {
            kind: 'info',
            text: tr('options_update_elsewhere', check.available ?? '?', host),
            action: {
              label: tr('options_allow_and_update', host),
              run: () => void allowAndUpdate(p, packOrigin, host),
            },
          });
          return;
        }
      }
      await startUpdate(p);
    });
  };

  const startUpdate = async (p: PackRecord) => {
    const { taskId } = await request('packs.update', { id: p.id });
    if (taskId) track(task(taskId, 'update', p.id, p.id), { packName: p.meta.name, versionBefore: p.meta.version });
  };

  const allowAndUpdate = async (p: PackRecord, origin: string, host: string) => {
    if (await askHost(p, origin, host)) await withPending(p, 'update', 'update', () => startUpdate(p));
  };

  const exportPack = (p: PackRecord) =>
    withPending(p, 'export', 'export', async () => {
      const name = await exportAndDownload(p.id);
      note(p.id, { kind: 'info', text: tr('options_exported', name) });
    });

  const verify = (p: PackRecord) =>
    withPending(p, 'verify', 'verify', async () => {
      const r = await request('packs.verify', { id: p.id });
      await refresh();
      note(p.id, r.ok ? { kind: 'info', text: tr('options_verified_ok') } : { kind: 'info', text: tr('options_verified_bad', r.problem ?? '?') });
    });

  const reimport = (p: PackRecord) =>
    withPending(p, 'reimport', 'import', async () => {
      const { taskId } = await request('packs.reimport', { id: p.id });
      track(task(taskId, 'import', p.id, p.id), { packName: p.meta.name, versionBefore: p.meta.version });
    });

  const remove = (p: PackRecord) =>
    withPending(p, 'delete', 'delete', async () => {
      const { taskId } = await request('packs.delete', { id: p.id });
      track(task(taskId, 'delete', p.id, p.id), { packName: p.meta.name });
      await refresh();
    });

  // ---- Storage --------------------------------------------------------------------------

  const askPersist = async () => {
    setPersistNote(undefined);
    try {
      const ok = await navigator.storage.persist();
      setPersistNote(ok ? tr('options_persist_granted') : tr('options_persist_refused'));
    } catch (e) {
      setPersistNote(`${tr('options_persist_refused')} (${errorInfo(e).message})`);
    }
    await refresh();
  };

  // Keep a file dropped outside the drop zone from opening in place of the page.
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void importFiles(files);
  };

  const storage = overview?.storage;
  const running = tasks.filter((t) => !t.task.done).length;

  return (
    <section class="panel" aria-labelledby="packs-title">
      <h2 id="packs-title">{tr('options_packs_title')}</h2>
      <p class="muted">{tr('options_packs_intro')}</p>

      <div
        class={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="dropzone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <h3>{tr('options_import_title')}</h3>
        <p>{tr('options_import_drop')}</p>
        <label class="button primary file-button">
          {tr('options_import_choose')}
          <input
            ref={fileInput}
            class="visually-hidden"
            type="file"
            accept=".json,.gz,application/json,application/gzip"
            multiple
            data-testid="import-file"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length) void importFiles(files);
            }}
          />
        </label>
        <form
          class="url-form"
          onSubmit={(e) => {
            e.preventDefault();
            void importUrl();
          }}
        >
          <label for="import-url">{tr('options_import_url')}</label>
          <div class="row">
            <input
              id="import-url"
              type="url"
              dir="ltr"
              inputMode="url"
              placeholder="https://…/pack.json.gz"
              value={url}
              data-testid="import-url"
              aria-invalid={urlProblem ? 'true' : undefined}
              aria-describedby={urlProblem ? 'import-url-problem' : undefined}
              onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit" data-action="import-url" disabled={!url.trim()}>
              {tr('options_import_url_button')}
            </button>
          </div>
          {urlProblem && (
            <p id="import-url-problem" class="bad" role="alert">
              {urlProblem}
            </p>
          )}
          <p class="muted small">{tr('options_import_url_hint')}</p>
        </form>
      </div>

      {tasks.length > 0 && (
        <div class="activity">
          <h3>
            {tr('options_activity')}
            {running > 0 && <span class="muted small"> · {tr('options_activity_running', running)}</span>}
          </h3>
          <ul class="tasks" aria-live="polite" data-testid="tasks">
            {tasks.map((t) => (
              <TaskView key={t.task.id} tracked={t} packs={packs} onDismiss={() => dismiss(t.task.id)} />
            ))}
          </ul>
        </div>
      )}

      {listError && !overview && <ErrorBox context="list" error={{ message: listError }} />}
      {!overview && !listError && <p class="muted">{tr('options_loading')}</p>}

      {overview && (
        <>
          <h3 class="list-title">
            {tr('options_installed_packs', packs.length)}
            {overview.matcher && (
              <span class="muted small"> · {tr('options_matcher', formatCount(overview.matcher.entityCount), formatCount(overview.matcher.aliasCount))}</span>
            )}
          </h3>
          {packs.length === 0 && <p data-testid="no-packs">{tr('options_no_packs')}</p>}
          <ul class="packs" data-testid="packs">
            {packs.map((p) => (
              <PackItem
                key={p.id}
                pack={p}
                busy={busy(p.id)}
                {...(pending[p.id] ? { pending: pending[p.id] } : {})}
                {...(notes[p.id] ? { note: notes[p.id] } : {})}
                onEnable={(on) => void enable(p, on)}
                onUpdate={() => void update(p)}
                onExport={() => void exportPack(p)}
                onVerify={() => void verify(p)}
                onReimport={() => void reimport(p)}
                onDelete={() => void remove(p)}
                onImportAgain={() => fileInput.current?.click()}
              />
            ))}
          </ul>

          <section class="storage" aria-labelledby="storage-title" data-testid="storage" data-usage={storage?.usage ?? ''} data-quota={storage?.quota ?? ''}>
            <h3 id="storage-title">{tr('options_storage_title')}</h3>
            {storage?.usage !== undefined && storage.quota !== undefined ? (
              <>
                <p>{tr('options_storage_used', formatBytes(lang, storage.usage), formatBytes(lang, storage.quota))}</p>
                <progress max={100} value={percent(storage.usage, storage.quota)} aria-label={tr('options_storage_title')} />
              </>
            ) : (
              <p>{tr('options_storage_unknown')}</p>
            )}
            <p data-testid="persisted" data-persisted={String(storage?.persisted ?? false)}>
              {storage?.persisted ? tr('options_persisted_yes') : tr('options_persisted_no')}
            </p>
            {!storage?.persisted && (
              <button type="button" data-action="persist" onClick={() => void askPersist()}>
                {tr('options_persist_ask')}
              </button>
            )}
            {persistNote && (
              <p class="note" role="status">
                {persistNote}
              </p>
            )}
          </section>
        </>
      )}
    </section>
  );
}
