/**
 * The pack manager's operations as background tasks: import from an uploaded file or an https
 * URL, update from a pack's update URL, delete, export, verify, and the bundled default pack.
 */
import { browser } from 'wxt/browser';
import { db } from '../db/database';
import { ImportError, importPack, type ImportInput } from '../db/import';
import { deletePack, exportPack, getPack, invalidateCaches, listPacks, takeUpload, verifyPack } from '../db/packs';
import { compareVersions } from '../pack/version';
import { invalidateMatcher } from './matcher';
import { invalidateSearch } from './search';
import { runTask } from './tasks';

export const BUNDLED_PATH = 'packs/default.json.gz';
export const BUNDLED_ID = 'siyaq.default';
export const BUNDLED_META_PATH = 'packs/default.meta.json';

export function packsChanged(): void {
  invalidateCaches();
  invalidateMatcher();
  invalidateSearch();
  void browser.runtime.sendMessage({ siyaq: 1, type: 'packs.changed' }).catch(() => undefined);
}

async function requireHostPermission(url: string): Promise<void> {
  const origin = new URL(url).origin + '/*';
  const ok = await browser.permissions.contains({ origins: [origin] }).catch(() => false);
  if (!ok) throw new ImportError(`Siyaq has no permission to download from ${new URL(url).host}; allow it when asked`, 'permission');
}

async function fetchStream(url: string): Promise<{ stream: ReadableStream<Uint8Array>; total?: number }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', cache: 'no-cache', redirect: 'follow' });
  } catch (e) {
    throw new ImportError(`could not download ${url}: ${(e as Error).message}`, 'network');
  }
  if (!res.ok || !res.body) throw new ImportError(`could not download ${url}: the server answered ${res.status}`, 'network');
  const len = Number(res.headers.get('content-length'));
  return { stream: res.body, ...(len > 0 ? { total: len } : {}) };
}

export function startImportFromUpload(uploadId: number): string {
  return runTask('import', 'import', undefined, async (report) => {
    const up = await takeUpload(uploadId);
    if (!up) throw new ImportError('the uploaded file is no longer available; choose it again', 'interrupted');
    await importPack({ stream: up.blob.stream(), totalBytes: up.blob.size, source: { kind: 'file', name: up.name.slice(0, 200) }, onProgress: report });
    packsChanged();
  });
}

export function startImportFromUrl(url: string): string {
  return runTask('import', url, undefined, async (report) => {
    await requireHostPermission(url);
    const { stream, total } = await fetchStream(url);
    await importPack({ stream, ...(total ? { totalBytes: total } : {}), source: { kind: 'url', url }, onProgress: report });
    packsChanged();
  });
}

/**
 * An update URL answers either with the pack itself or with a small index
 * { "format": "siyaq-pack-index", "id", "version", "url" } naming where the pack is.
 */
async function resolveUpdate(updateUrl: string): Promise<{ version?: string; packUrl: string }> {
  await requireHostPermission(updateUrl);
  const res = await fetch(updateUrl, { credentials: 'omit', cache: 'no-cache' }).catch((e: Error) => {
    throw new ImportError(`could not reach ${updateUrl}: ${e.message}`, 'network');
  });
  if (!res.ok) throw new ImportError(`could not reach ${updateUrl}: the server answered ${res.status}`, 'network');
  const buf = await res.arrayBuffer();
  if (buf.byteLength > 64 * 1024) return { packUrl: updateUrl };
  try {
    const idx = JSON.parse(new TextDecoder().decode(buf)) as { format?: string; version?: string; url?: string };
    if (idx.format === 'siyaq-pack-index' && typeof idx.url === 'string' && /^https:\/\//.test(idx.url))
      return { ...(typeof idx.version === 'string' ? { version: idx.version } : {}), packUrl: new URL(idx.url, updateUrl).href };
  } catch {
    /* not an index: the URL is the pack itself */
  }
  return { packUrl: updateUrl };
}

/** The version of the pack shipped in this build (written beside it by the pack builder). */
export async function bundledVersion(): Promise<string | undefined> {
  const res = await fetch(browser.runtime.getURL(`/${BUNDLED_META_PATH}` as '/')).catch(() => undefined);
  if (!res?.ok) return undefined;
  const meta = (await res.json().catch(() => undefined)) as { id?: string; version?: string } | undefined;
  return meta?.id === BUNDLED_ID && typeof meta.version === 'string' ? meta.version : undefined;
}

export async function checkUpdate(id: string): Promise<{ available?: string; current: string; upToDate?: boolean; packOrigin?: string }> {
  const p = await getPack(id);
  if (!p) throw new Error(`no pack "${id}"`);
  const at = new Date().toISOString();
  let version: string | undefined;
  let packOrigin: string | undefined;
  if (p.source.kind === 'bundled') version = await bundledVersion();
  else {
    if (!p.meta.updateUrl) throw new Error('this pack has no update address');
    const r = await resolveUpdate(p.meta.updateUrl);
    version = r.version;
    packOrigin = new URL(r.packUrl).origin;
  }
  const newer = version && compareVersions(version, p.meta.version) > 0 ? version : undefined;
  await db().packs.update(id, { lastUpdateCheck: { at, ...(newer ? { available: newer } : {}) } });
  return { current: p.meta.version, ...(newer ? { available: newer } : {}), ...(version ? { upToDate: !newer } : {}), ...(packOrigin ? { packOrigin } : {}) };
}

export function startUpdate(id: string): string {
  return runTask('update', id, id, async (report) => {
    const p = await getPack(id);
    if (!p) throw new Error(`no pack "${id}"`);
    if (p.source.kind === 'bundled') {
      await installBundled(report, true);
      return;
    }
    if (!p.meta.updateUrl) throw new Error('this pack has no update address');
    const { packUrl } = await resolveUpdate(p.meta.updateUrl);
    await requireHostPermission(packUrl);
    const { stream, total } = await fetchStream(packUrl);
    await importPack({ stream, ...(total ? { totalBytes: total } : {}), source: p.source, updateOf: id, onProgress: report });
    packsChanged();
  });
}

/** Re-installs a damaged pack from where it came from (bundled file or URL). */
export function startReimport(id: string): string {
  return runTask('import', id, id, async (report) => {
    const p = await getPack(id);
    // The default pack can always be brought back from the copy inside the extension.
    if (!p && id === BUNDLED_ID) return installBundled(report, false);
    if (!p) throw new Error(`no pack "${id}"`);
    if (p.source.kind === 'bundled') await installBundled(report, false);
    else if (p.source.kind === 'url' && p.source.url) {
      await requireHostPermission(p.source.url);
      const { stream, total } = await fetchStream(p.source.url);
      await importPack({ stream, ...(total ? { totalBytes: total } : {}), source: p.source, onProgress: report });
    } else throw new ImportError('this pack came from a file: import the file again', 'invalid');
    packsChanged();
  });
}

export function startDelete(id: string): string {
  return runTask('delete', id, id, async (report) => {
    await deletePack(id, (done, total) => report({ phase: 'deleting', done, total }));
    if (id === BUNDLED_ID) await db().kv.put({ key: 'bundledRemoved', value: true });
    packsChanged();
  });
}

export async function exportToFile(id: string) {
  return exportPack(id);
}

export async function verify(id: string) {
  const r = await verifyPack(id, { full: true });
  packsChanged();
  return r;
}

/** Installs (or updates) the pack shipped inside the extension. */
export async function installBundled(report?: ImportInput['onProgress'], onlyIfNewer = false): Promise<void> {
  if (onlyIfNewer) {
    // Compare versions before reading 0.5 MB of pack for nothing.
    const [installed, shipped] = await Promise.all([getPack(BUNDLED_ID), bundledVersion()]);
    if (installed && shipped && compareVersions(shipped, installed.meta.version) <= 0) return;
  }
  const url = browser.runtime.getURL(`/${BUNDLED_PATH}` as '/');
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new ImportError('the bundled pack is missing from this build', 'invalid');
  const installed = await getPack(BUNDLED_ID);
  try {
    await importPack({
      stream: res.body,
      totalBytes: Number(res.headers.get('content-length')) || undefined,
      source: { kind: 'bundled' },
      ...(onlyIfNewer && installed ? { updateOf: BUNDLED_ID } : {}),
      ...(report ? { onProgress: report } : {}),
    } as ImportInput);
  } catch (e) {
    if (e instanceof ImportError && e.code === 'not-newer') return;
    throw e;
  }
  await db().kv.delete('bundledRemoved');
  packsChanged();
}

/** First run, browser start, extension update: make sure the default pack is there and sound. */
export async function ensureBundled(reason: 'install' | 'update' | 'startup'): Promise<void> {
  const packs = await listPacks();
  const removed = (await db().kv.get('bundledRemoved'))?.value === true;
  const bundled = packs.find((p) => p.id === BUNDLED_ID);
  if (!bundled && (!removed || reason === 'install')) {
    runTask('import', BUNDLED_ID, BUNDLED_ID, (report) => installBundled(report));
    return;
  }
  if (bundled && reason === 'update') runTask('update', BUNDLED_ID, BUNDLED_ID, (report) => installBundled(report, true));
}
