/**
 * Long pack tasks (import, update, delete, export) run in the background one at a time, and
 * report progress to every open extension page. The page that started a task may close; the
 * task goes on (and if the worker dies, nothing half-done is left: see lib/db/import.ts).
 */
import type { TaskState } from '../messages/protocol';

type Notify = (t: TaskState) => void;

const tasks = new Map<string, TaskState>();
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;
let notify: Notify = () => undefined;

export function onTaskChange(fn: Notify): void {
  notify = fn;
}

export function taskList(): TaskState[] {
  return [...tasks.values()];
}

export function runTask(
  kind: TaskState['kind'],
  label: string,
  packId: string | undefined,
  work: (report: (p: TaskState['progress']) => void) => Promise<unknown>,
): string {
  const id = `t${Date.now().toString(36)}${(counter++).toString(36)}`;
  const state: TaskState = { id, kind, label, done: false, ...(packId ? { packId } : {}) };
  tasks.set(id, state);
  notify(state);
  const report = (p: TaskState['progress']) => {
    if (p) state.progress = p;
    notify({ ...state });
  };
  queue = queue.then(async () => {
    try {
      await work(report);
    } catch (e) {
      const err = e as { message?: string; code?: string; where?: NonNullable<TaskState['error']>['where'] };
      state.error = { message: err?.message ?? String(e), ...(err?.code ? { code: err.code } : {}), ...(err?.where ? { where: err.where } : {}) };
    } finally {
      state.done = true;
      notify({ ...state });
      // Finished tasks stay listed for a while so a reopened page can show the outcome.
      setTimeout(() => tasks.delete(id), 10 * 60 * 1000);
    }
  });
  return id;
}

/** Resolves when every queued task has finished (for tests and the bundled install). */
export function idle(): Promise<unknown> {
  return queue;
}
