/**
 * Errors in words a reader understands. Every pack error has a code (lib/pack/errors.ts); the
 * page shows a sentence for the code, where in the file the problem is when the message names
 * a row, and always the exact message as the background wrote it.
 */
import { t, type Lang } from '../../lib/i18n';

export interface ErrorInfo {
  message: string;
  code?: string;
}

/** What was being done, for the sentence that leads the explanation. */
export type ErrorContext = 'import' | 'update' | 'delete' | 'export' | 'verify' | 'enable' | 'settings' | 'list' | 'storage';

const CODES = ['invalid', 'too-large', 'bomb', 'encoding', 'storage-full', 'interrupted', 'not-newer', 'wrong-pack', 'network', 'permission'] as const;

export function friendlyError(lang: Lang, context: ErrorContext, err: ErrorInfo): string {
  const code = err.code && (CODES as readonly string[]).includes(err.code) ? err.code : undefined;
  // A refused message (the page sent something the background would not take) is not a bad pack.
  if (code === 'invalid' && /^invalid ".*" message:/.test(err.message)) return t(lang, 'options_err_request');
  if (code === 'invalid' && (context === 'import' || context === 'update')) return t(lang, 'options_err_invalid');
  if (code && code !== 'invalid') return t(lang, `options_err_${code.replace('-', '_')}`);
  return t(lang, `options_failed_${context}`);
}

export interface RowProblem {
  list: 'entity' | 'event';
  row: number;
  id?: string;
  field?: string;
}

/** Where a validation message says the problem is: 'entity 42 (id "Q794"): field facts[2].date ...'. */
export function rowProblem(message: string): RowProblem | undefined {
  const m = /^(entity|event) (\d+)(?: \(id "([^"]*)"\))?: (?:field (\S+)|the row)/.exec(message);
  if (!m) return undefined;
  return { list: m[1] as 'entity' | 'event', row: Number(m[2]), ...(m[3] ? { id: m[3] } : {}), ...(m[4] ? { field: m[4] } : {}) };
}

export function describeRow(lang: Lang, p: RowProblem): string {
  const where = t(lang, p.list === 'entity' ? 'options_where_entity' : 'options_where_event', p.row);
  const id = p.id ? t(lang, 'options_where_id', p.id) : '';
  const field = p.field ? t(lang, 'options_where_field', p.field) : t(lang, 'options_where_row');
  return `${where}${id}${field}`;
}
