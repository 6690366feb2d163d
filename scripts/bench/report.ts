/**
 * Printing and statistics for the benchmarks: repeated timings (warm-up, median, min), tables,
 * and the goals collected for the final summary.
 */

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function stats(samples: readonly number[]): Stats {
  if (!samples.length) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the timings in ms. */
export function timeSync(fn: () => unknown, runs: number, warmup = 1): Stats {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return stats(out);
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return stats(out);
}

export const ms = (x: number, digits = x < 10 ? 2 : x < 100 ? 1 : 0): string => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : 'n/a');
export const mb = (bytes: number, digits = 1): string => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(digits)} MiB` : 'n/a');
export const kb = (bytes: number, digits = 1): string => `${(bytes / 1024).toFixed(digits)} KiB`;
export const num = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
export const ratio = (x: number, digits = 1): string => (Number.isFinite(x) ? `${x.toFixed(digits)}x` : 'n/a');
export const medMin = (s: Stats, fmt: (x: number) => string = (x) => ms(x)): string => `${fmt(s.median)} (min ${fmt(s.min)}, n=${s.runs})`;

/** Prints a table with a header row; columns padded to their widest cell. */
export function table(title: string, head: readonly string[], rows: readonly (readonly string[])[]): void {
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: readonly string[]) => '| ' + r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join(' | ') + ' |';
  console.log(`\n${title}`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

export type Verdict = 'PASS' | 'MISS' | 'N/A' | 'INFO';

export interface Goal {
  section: string;
  name: string;
  goal: string;
  figure: string;
  verdict: Verdict;
  note?: string;
}

const goals: Goal[] = [];

/** Records a goal for the summary and returns its verdict text for the section's table. */
export function goal(section: string, name: string, goalText: string, figure: string, pass: boolean | undefined, note?: string): Verdict {
  const verdict: Verdict = pass === undefined ? 'N/A' : pass ? 'PASS' : 'MISS';
  goals.push({ section, name, goal: goalText, figure, verdict, ...(note ? { note } : {}) });
  return verdict;
}

/** A figure without a goal, listed in the summary for reference. */
export function info(section: string, name: string, figure: string, note?: string): void {
  goals.push({ section, name, goal: '(no goal set)', figure, verdict: 'INFO', ...(note ? { note } : {}) });
}

export function allGoals(): readonly Goal[] {
  return goals;
}

export function note(text: string): void {
  console.log(`  note: ${text}`);
}

export function section(title: string): void {
  console.log(`\n${'='.repeat(100)}\n${title}\n${'='.repeat(100)}`);
}
