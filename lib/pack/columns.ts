/**
 * String columns: many short strings (ids, labels, alias keys) kept as a few long strings and
 * one array of end offsets, instead of one JS string each.
 *
 * A 100k-entity pack has about a million short strings in its slot index; as separate strings
 * each costs a header and padding on top of its characters, and IndexedDB clones each one on
 * its own. As a column they cost their characters plus four bytes, and clone as a handful of
 * values (docs/adr/0005-import-memory.md).
 *
 * A column is a plain object (it goes into IndexedDB as it is): `blocks[b]` holds the strings
 * `b * BLOCK ... b * BLOCK + BLOCK - 1` back to back, and `ends[i]` is where string i ends
 * inside its block. Lists (an entity's cue words, its related ids) are one string per entry,
 * their items joined by "\n".
 */

import { u32List } from '../match/typed-list';

/** Strings per block: the builder joins one block at a time, so it never copies a whole column. */
const BLOCK = 1024;

export interface StringColumn {
  blocks: string[];
  ends: Uint32Array;
}

export function columnLength(c: StringColumn): number {
  return c.ends.length;
}

export function columnAt(c: StringColumn, i: number): string {
  return i < 0 || i >= c.ends.length ? '' : cut(c.blocks, c.ends, i);
}

/** String i of sealed blocks. */
function cut(blocks: readonly string[], ends: ArrayLike<number>, i: number): string {
  const start = i % BLOCK === 0 ? 0 : ends[i - 1]!;
  return blocks[Math.floor(i / BLOCK)]!.slice(start, ends[i]!);
}

/** A list entry ("" is the empty list). */
export function columnListAt(c: StringColumn, i: number): string[] {
  const s = columnAt(c, i);
  return s ? s.split('\n') : [];
}

/** Every string of a column, in order. */
export function* columnValues(c: StringColumn): Generator<string> {
  for (let i = 0; i < c.ends.length; i++) yield columnAt(c, i);
}

export function toColumn(values: Iterable<string>): StringColumn {
  const b = new ColumnBuilder();
  for (const v of values) b.push(v);
  return b.build();
}

export function toListColumn(lists: Iterable<readonly string[] | null | undefined>): StringColumn {
  const b = new ColumnBuilder();
  for (const l of lists) b.pushList(l);
  return b.build();
}

export class ColumnBuilder {
  private blocks: string[] = [];
  private parts: string[] = [];
  private readonly ends = u32List();
  private offset = 0;

  get length(): number {
    return this.ends.length;
  }

  push(s: string): void {
    this.parts.push(s);
    this.offset += s.length;
    this.ends.push(this.offset);
    if (this.parts.length === BLOCK) this.seal();
  }

  /** String i of what was pushed so far. */
  at(i: number): string {
    if (i < 0 || i >= this.ends.length) return '';
    return Math.floor(i / BLOCK) < this.blocks.length ? cut(this.blocks, this.ends.buf, i) : this.parts[i % BLOCK]!;
  }

  pushList(items: readonly string[] | null | undefined): void {
    if (items?.some((s) => s.includes('\n'))) throw new Error('a list item contains a line break');
    this.push(items?.length ? items.join('\n') : '');
  }

  private seal(): void {
    this.blocks.push(this.parts.join(''));
    this.parts = [];
    this.offset = 0;
  }

  /** The column; the builder is done (and empty) after this. */
  build(): StringColumn {
    if (this.parts.length) this.seal();
    const column = { blocks: this.blocks, ends: this.ends.take() };
    this.blocks = [];
    return column;
  }
}
