/** Building test packs and importing them through the extension, as the options page does. */
import { gzipSync } from 'node:zlib';
import { packChecksum } from '../../lib/pack/checksum';
import { FORMAT, FORMAT_VERSION, type PackEntity, type PackEvent } from '../../lib/pack/format';
import type { Session } from './harness';

export interface TestPack {
  json: string;
  gz: Buffer;
}

/** A valid pack (counts and checksum computed) from a few rows. */
export function makePack(opts: { id: string; version?: string; entities: PackEntity[]; events?: PackEvent[]; updateUrl?: string }): TestPack {
  const events = opts.events ?? [];
  const pack = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    pack: {
      id: opts.id,
      name: { ar: `حزمة ${opts.id}`, en: `Pack ${opts.id}` },
      version: opts.version ?? '1.0.0',
      licenses: [{ name: 'CC0-1.0' }],
      created: '2026-11-29',
      ...(opts.updateUrl ? { updateUrl: opts.updateUrl } : {}),
      counts: { entities: opts.entities.length, events: events.length },
      checksum: packChecksum(opts.entities, events),
    },
    entities: opts.entities,
    events,
  };
  const json = JSON.stringify(pack);
  return { json, gz: gzipSync(json) };
}

/**
 * Imports a pack file through the background: the file goes into the extension's IndexedDB
 * "uploads" store from an extension page (what the options page's picker does), then the page
 * asks the background to import it. Resolves when the import task is done; rejects with its error.
 */
export async function uploadAndImport(s: Session, name: string, content: string | Buffer): Promise<void> {
  const page = await s.context.newPage();
  await page.goto(s.extUrl('options.html'));
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const uploadId = await page.evaluate(
    async ([fileName, b64]) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('siyaq');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const id = await new Promise<number>((resolve, reject) => {
        const tx = db.transaction('uploads', 'readwrite');
        const req = tx.objectStore('uploads').add({ name: fileName, blob: new Blob([data]), addedAt: new Date().toISOString() });
        req.onsuccess = () => resolve(req.result as number);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return id;
    },
    [name, bytes.toString('base64')] as const,
  );
  await page.close();
  const { taskId } = await s.call<{ taskId: string }>('packs.import', { from: 'upload', uploadId });
  for (;;) {
    const o = await s.call<{ tasks: { id: string; done: boolean; error?: { message: string } }[] }>('packs.list');
    const t = o.tasks.find((x) => x.id === taskId);
    if (t?.done) {
      if (t.error) throw new Error(t.error.message);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
