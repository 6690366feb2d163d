import type { PackRecord } from '../../lib/db/database';
import type { ImportProgress } from '../../lib/db/import';
import type { TaskState } from '../../lib/messages/protocol';
import { ErrorBox } from './ErrorBox';
import type { ErrorContext } from './errors';
import { formatBytes, formatCount } from './format';
import { useLang, useT } from './lang';
import type { TrackedTask } from './usePacks';

type Progress = NonNullable<TaskState['progress']>;
const isDeleting = (p: Progress): p is { phase: 'deleting'; done: number; total: number } => p.phase === 'deleting';

/** Fraction done, or undefined when it cannot be known (an indeterminate bar). */
function fraction(p: Progress | undefined): number | undefined {
  if (!p) return undefined;
  if (isDeleting(p)) return p.total > 0 ? p.done / p.total : undefined;
  if (p.phase !== 'reading') return undefined;
  return p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : undefined;
}

function ProgressText({ p }: { p: Progress }) {
  const lang = useLang();
  const tr = useT();
  if (isDeleting(p)) return <span>{tr('options_progress_deleting', formatCount(p.done), formatCount(p.total))}</span>;
  const ip = p as ImportProgress;
  const bytes = ip.bytesTotal
    ? tr('options_progress_bytes_of', formatBytes(lang, ip.bytesRead), formatBytes(lang, ip.bytesTotal))
    : formatBytes(lang, ip.bytesRead);
  return (
    <span>
      {tr(`options_phase_${ip.phase}`)} · {bytes} · {tr('options_progress_rows', formatCount(ip.entities), formatCount(ip.events))}
    </span>
  );
}

function packLabel(lang: 'ar' | 'en', name: PackRecord['meta']['name'] | undefined, fallback: string): string {
  if (!name) return fallback;
  return (lang === 'en' && name.en) || name.ar;
}

/** One background task: what it does, its progress bar, and how it ended. */
export function TaskView({ tracked, packs, onDismiss }: { tracked: TrackedTask; packs: PackRecord[]; onDismiss?: () => void }) {
  const lang = useLang();
  const tr = useT();
  const { task } = tracked;
  const pack = task.packId ? packs.find((p) => p.id === task.packId) : undefined;
  const name = packLabel(lang, pack?.meta.name ?? tracked.packName, task.packId ?? tracked.what ?? task.label);
  const state = !task.done ? 'running' : task.error ? 'failed' : 'done';
  const f = fraction(task.progress);
  const context: ErrorContext = task.kind === 'update' ? 'update' : task.kind === 'delete' ? 'delete' : task.kind === 'import' ? 'import' : 'verify';

  let title: string;
  if (state === 'running') title = tr(`options_task_${task.kind}_running`, name);
  else if (state === 'failed') title = tr(`options_task_${task.kind}_failed`, name);
  else if (task.kind === 'import') {
    // The pack this import installed: the one written last, after the task began.
    const installed = [...packs].filter((p) => Date.parse(p.updatedAt) >= tracked.startedAt - 5000).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    title = installed
      ? tr('options_task_import_done_pack', packLabel(lang, installed.meta.name, installed.id), installed.meta.version)
      : tr('options_task_import_done', name);
  } else if (task.kind === 'update' && pack && tracked.versionBefore && pack.meta.version === tracked.versionBefore)
    title = tr('options_task_update_same', name, pack.meta.version);
  else if (task.kind === 'update' && pack) title = tr('options_task_update_done', name, pack.meta.version);
  else title = tr(`options_task_${task.kind}_done`, name);

  return (
    <li class={`task task-${state}`} data-testid="task" data-task-id={task.id} data-task-kind={task.kind} data-state={state} data-pack-id={task.packId ?? ''}>
      <div class="task-head">
        <span class="task-title" dir="auto">
          {title}
        </span>
        {task.done && onDismiss && (
          <button type="button" class="link-button" onClick={onDismiss} aria-label={tr('options_dismiss')} title={tr('options_dismiss')}>
            ×
          </button>
        )}
      </div>
      {!task.done && (
        <>
          {f === undefined ? (
            <progress data-testid="task-progress" aria-label={title} />
          ) : (
            <progress data-testid="task-progress" aria-label={title} max={1000} value={Math.round(f * 1000)} />
          )}
          <div class="task-detail" aria-live="polite">
            {task.progress ? <ProgressText p={task.progress} /> : tr('options_task_waiting')}
          </div>
        </>
      )}
      {task.error && <ErrorBox context={context} error={task.error} />}
    </li>
  );
}
