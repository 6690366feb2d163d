/** Small helpers for the pack manager's actions. */
import { takeExport } from '../../lib/db/packs';
import { RequestError, request } from '../../lib/messages/client';
import type { ErrorInfo } from './errors';

/** The pack shipped inside the extension (lib/background/pack-tasks.ts BUNDLED_ID). */
export const BUNDLED_PACK_ID = 'siyaq.default';

/** Pack files the importer reads: JSON, plain or gzipped. */
export function isPackFileName(name: string): boolean {
  return /\.json(\.gz)?$/i.test(name);
}

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof RequestError) return { message: e.message, ...(e.code ? { code: e.code } : {}) };
  const err = e as { message?: unknown; code?: unknown; name?: unknown } | undefined;
  const message = typeof err?.message === 'string' && err.message ? err.message : String(e);
  if (err?.name === 'QuotaExceededError' || /quota/i.test(message)) return { message, code: 'storage-full' };
  return { message, ...(typeof err?.code === 'string' ? { code: err.code } : {}) };
}

/** Asks the background to write the pack as a file, then hands it to the browser's downloads. */
export async function exportAndDownload(id: string): Promise<string> {
  const { exportId } = await request('packs.export', { id });
  const file = await takeExport(exportId);
  if (!file) throw new Error('the exported file was not found; try again');
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the download to start reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.name;
}
