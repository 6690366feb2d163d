/**
 * The pack list and the background tasks, kept current from three sources: the 'task' and
 * 'packs.changed' broadcasts, the replies to the page's own requests, and a poll of packs.list
 * every 500 ms while any task is running (a broadcast can be missed, e.g. by a page that opened
 * late, and a killed service worker never reports the end of its task).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PackRecord } from '../../lib/db/database';
import { request } from '../../lib/messages/client';
import type { Broadcast, PacksOverview, TaskState } from '../../lib/messages/protocol';

export const POLL_MS = 500;

export interface TrackedTask {
  task: TaskState;
  /** Started from this page. */
  mine: boolean;
  /** The file name or URL the reader chose, when known. */
  what?: string;
  /** The pack's name when the task started (a deleted pack is no longer listed). */
  packName?: PackRecord['meta']['name'];
  /** The pack's version when the task started (to tell whether an update changed it). */
  versionBefore?: string;
  /** packs.list requests numbered at or below this may not know the task yet. */
  since: number;
  startedAt: number;
}

/** The message shown when the background restarted and forgot a running task. */
export const LOST_TASK_MESSAGE = 'the extension’s background stopped before this task finished (the browser may have shut it down); nothing was changed';

function isBroadcast(m: unknown): m is Broadcast {
  return (
    typeof m === 'object' && m !== null && (m as { siyaq?: unknown }).siyaq === 1 && ['task', 'packs.changed'].includes((m as { type?: string }).type ?? '')
  );
}

export interface PacksState {
  overview: PacksOverview | undefined;
  listError: string | undefined;
  tasks: TrackedTask[];
  refresh(): Promise<void>;
  track(task: TaskState, info?: Partial<Pick<TrackedTask, 'what' | 'packName' | 'versionBefore'>>): void;
  /** A failure before any task existed (the file could not be stored, the request was refused). */
  fail(kind: TaskState['kind'], label: string, error: { message: string; code?: string }, packId?: string): void;
  dismiss(id: string): void;
}

let localIds = 0;

export function usePacks(): PacksState {
  const [overview, setOverview] = useState<PacksOverview>();
  const [listError, setListError] = useState<string>();
  const [tasks, setTasks] = useState<Record<string, TrackedTask>>({});
  const issued = useRef(0);
  const applied = useRef(0);
  const names = useRef(new Map<string, PackRecord['meta']['name']>());

  const packInfo = (packId: string | undefined): Pick<TrackedTask, 'packName'> => {
    const name = packId ? names.current.get(packId) : undefined;
    return name ? { packName: name } : {};
  };

  const refresh = useCallback(async () => {
    const seq = ++issued.current;
    let o: PacksOverview;
    try {
      o = await request('packs.list', {});
    } catch (e) {
      // The worker may be restarting; the next poll or broadcast will try again.
      setListError((e as Error).message);
      return;
    }
    if (seq < applied.current) return;
    applied.current = seq;
    for (const p of o.packs) names.current.set(p.id, p.meta.name);
    setListError(undefined);
    setOverview(o);
    setTasks((prev) => {
      const next = { ...prev };
      const live = new Map(o.tasks.map((t) => [t.id, t]));
      for (const t of o.tasks) {
        const cur = next[t.id];
        if (cur) {
          if (!cur.task.done) next[t.id] = { ...cur, task: t };
        } else if (!t.done) {
          next[t.id] = { task: t, mine: false, since: seq, startedAt: Date.now(), ...packInfo(t.packId) };
        }
      }
      for (const [id, cur] of Object.entries(next)) {
        if (!cur.task.done && !id.startsWith('local') && !live.has(id) && seq > cur.since)
          next[id] = { ...cur, task: { ...cur.task, done: true, error: { message: LOST_TASK_MESSAGE, code: 'interrupted' } } };
      }
      return next;
    });
  }, []);

  const track = useCallback<PacksState['track']>((task, info = {}) => {
    setTasks((prev) => {
      const cur = prev[task.id];
      // A broadcast may have come before the reply that named the task.
      const base: TrackedTask = cur ?? { task, mine: true, since: issued.current, startedAt: Date.now(), ...packInfo(task.packId) };
      return { ...prev, [task.id]: { ...base, ...info, mine: true } };
    });
  }, []);

  const fail = useCallback<PacksState['fail']>((kind, label, error, packId) => {
    const id = `local${++localIds}`;
    const task: TaskState = { id, kind, label, done: true, error, ...(packId ? { packId } : {}) };
    setTasks((prev) => ({ ...prev, [id]: { task, mine: true, since: issued.current, startedAt: Date.now(), ...packInfo(packId) } }));
  }, []);

  const dismiss = useCallback((id: string) => {
    setTasks((prev) => {
      const next = { ...prev };
      delete next[id];
      return next;
    });
  }, []);

  // Broadcasts. The listener returns nothing: a value or a promise would answer (and so
  // swallow) requests that other extension pages send to the background.
  useEffect(() => {
    const listener = (message: unknown): undefined => {
      if (!isBroadcast(message)) return undefined;
      if (message.type === 'packs.changed') {
        void refresh();
        return undefined;
      }
      const t = message.task;
      setTasks((prev) => {
        const cur = prev[t.id];
        if (cur?.task.done) return prev;
        return { ...prev, [t.id]: cur ? { ...cur, task: t } : { task: t, mine: false, since: issued.current, startedAt: Date.now(), ...packInfo(t.packId) } };
      });
      if (t.done) void refresh();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    void refresh();
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [refresh]);

  const running = Object.values(tasks).some((t) => !t.task.done);
  useEffect(() => {
    if (!running) return undefined;
    const h = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(h);
  }, [running, refresh]);

  const list = Object.values(tasks).sort((a, b) => a.startedAt - b.startedAt);
  return { overview, listError, tasks: list, refresh, track, fail, dismiss };
}
