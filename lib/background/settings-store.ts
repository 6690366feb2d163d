import { db } from '../db/database';
import { coerceSettings, type Settings } from '../settings';

export async function readSettings(): Promise<Settings> {
  return coerceSettings((await db().kv.get('settings'))?.value);
}

export async function writeSettings(s: Settings): Promise<Settings> {
  const clean = coerceSettings(s);
  await db().kv.put({ key: 'settings', value: clean });
  return clean;
}
