/** Dates of the pack format: YYYY, YYYY-MM or YYYY-MM-DD (a leading "-" for BCE). */

export type Precision = 'day' | 'month' | 'year';

export function precisionOf(date: string): Precision {
  const parts = date.replace(/^-/, '').split('-').length;
  return parts >= 3 ? 'day' : parts === 2 ? 'month' : 'year';
}

/** The last day a date of that precision can mean (2024 -> 2024-12-31, 2024-02 -> 2024-02-29). */
export function lastDay(date: string): string {
  const p = precisionOf(date);
  if (p === 'day') return date;
  const [y, m] = date.split('-').map(Number) as [number, number | undefined];
  if (p === 'year') return `${date}-12-31`;
  const days = new Date(Date.UTC(y, m!, 0)).getUTCDate();
  return `${date}-${String(days).padStart(2, '0')}`;
}

/** The first day a date can mean (2024 -> 2024-01-01). */
export function firstDay(date: string): string {
  const p = precisionOf(date);
  return p === 'day' ? date : p === 'month' ? `${date}-01` : `${date}-01-01`;
}

/**
 * True when an event certainly took place before the day `asOf` (YYYY-MM-DD): it started
 * before that day, counting a year- or month-precision date as its last day. An event that is
 * still running (end after asOf) still counts as prior: it began before.
 */
export function isPrior(date: string, asOf: string): boolean {
  return lastDay(date) < asOf;
}

/** True when [from, to] (either open) contains the day. */
export function isCurrentOn(day: string, from?: string, to?: string): boolean {
  if (from && firstDay(from) > day) return false;
  if (to && lastDay(to) < day) return false;
  return true;
}

const AR_MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Human date in Arabic or English, at the date's own precision. */
export function formatDate(date: string, lang: 'ar' | 'en'): string {
  const bce = date.startsWith('-');
  const [y, m, d] = date.replace(/^-/, '').split('-');
  const year = `${Number(y)}${bce ? (lang === 'ar' ? ' ق.م' : ' BCE') : ''}`;
  const month = m ? (lang === 'ar' ? AR_MONTHS : EN_MONTHS)[Number(m) - 1] : undefined;
  if (!month) return year;
  if (!d) return `${month} ${year}`;
  return lang === 'ar' ? `${Number(d)} ${month} ${year}` : `${Number(d)} ${month} ${year}`;
}

/** Today as YYYY-MM-DD (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
