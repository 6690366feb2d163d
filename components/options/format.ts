/** Numbers, sizes and dates for the options page (Western digits in both languages, as the cards use). */
import { t, type Lang } from '../../lib/i18n';

const num = new Intl.NumberFormat('en-US');
const dec = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return num.format(n);
}

export function formatBytes(lang: Lang, bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return t(lang, 'options_bytes_b', num.format(bytes));
  if (bytes < 1024 * 1024) return t(lang, 'options_bytes_kb', dec.format(bytes / 1024));
  if (bytes < 1024 * 1024 * 1024) return t(lang, 'options_bytes_mb', dec.format(bytes / 1024 / 1024));
  return t(lang, 'options_bytes_gb', dec.format(bytes / 1024 / 1024 / 1024));
}

export function formatDate(lang: Lang, iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'ar' ? 'ar-u-nu-latn-ca-gregory' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric' });
}

export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.max(0, Math.min(100, (part / whole) * 100));
}

/** An https URL's origin as a host-permission pattern, or undefined when it is not https. */
export function httpsOriginPattern(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? `${u.origin}/*` : undefined;
  } catch {
    return undefined;
  }
}
