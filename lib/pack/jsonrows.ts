/**
 * Streaming reader for a pack document: fed text chunks, it hands out each element of the
 * top-level arrays ("entities", "events") as raw JSON text, one at a time, and every other
 * top-level value whole. Memory stays at one row plus one chunk, whatever the pack's size.
 *
 * It tracks only structure (strings, escapes, bracket depth); values are parsed by JSON.parse
 * and validated by the caller.
 */

export type RowHandler = (key: string, index: number, json: string) => void;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonRowError extends Error {}

type State =
  | 'start' // before the top-level {
  | 'key' // expecting a top-level key or }
  | 'keyString' // inside a top-level key
  | 'colon'
  | 'value' // expecting a top-level value
  | 'afterValue' // expecting , or }
  | 'element' // inside a streamed array: expecting an element or ]
  | 'afterElement' // expecting , or ]
  | 'capture' // inside a value being captured
  | 'end';

export class PackRowReader {
  private readonly streamed: ReadonlySet<string>;
  private state: State = 'start';
  private key = '';
  private readonly seen = new Set<string>();
  private index = 0;
  private inArray = false;
  // capture
  private parts: string[] = [];
  private partsLen = 0;
  private from = -1;
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;

  constructor(
    streamed: readonly string[],
    private readonly onRow: RowHandler,
    private readonly maxRowChars: number,
  ) {
    this.streamed = new Set(streamed);
  }

  /** The top-level keys read so far. */
  get keys(): ReadonlySet<string> {
    return this.seen;
  }

  private where(): string {
    return this.inArray ? `${this.key}[${this.index}]` : `"${this.key}"`;
  }

  private fail(msg: string): never {
    throw new JsonRowError(msg);
  }

  private begin(at: number, c: number): void {
    this.parts = [];
    this.partsLen = 0;
    this.from = at;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.scalar = false;
    if (c === OPEN_OBJ || c === OPEN_ARR) this.depth = 1;
    else if (c === QUOTE) this.inString = true;
    else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e) this.scalar = true;
    else this.fail(`unexpected character "${String.fromCharCode(c)}" at ${this.where()}`);
    this.state = 'capture';
  }

  private finish(chunk: string, endExclusive: number): void {
    this.parts.push(chunk.slice(this.from, endExclusive));
    const json = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.from = -1;
    if (json.length > this.maxRowChars) this.fail(`${this.where()} is ${json.length} characters long; the limit for one row is ${this.maxRowChars}`);
    this.onRow(this.key, this.inArray ? this.index : -1, json);
    if (this.inArray) {
      this.index++;
      this.state = 'afterElement';
    } else this.state = 'afterValue';
  }

  push(chunk: string): void {
    const n = chunk.length;
    let keyFrom = this.state === 'keyString' ? 0 : -1;
    // Inside strings (most of a pack: Arabic text) jump to the next quote or backslash instead of
    // looking at every character; the backslash position is cached so a chunk is scanned once.
    let nextBackslash = -1;
    for (let i = 0; i < n; i++) {
      if (this.state === 'capture' && this.inString && !this.escape) {
        if (nextBackslash < i) {
          nextBackslash = chunk.indexOf('\\', i);
          if (nextBackslash < 0) nextBackslash = n;
        }
        let q = chunk.indexOf('"', i);
        if (q < 0) q = n;
        const stop = q < nextBackslash ? q : nextBackslash;
        if (stop >= n) break;
        i = stop;
      }
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case 'capture': {
          if (this.inString) {
            if (this.escape) this.escape = false;
            else if (c === BACKSLASH) this.escape = true;
            else if (c === QUOTE) {
              this.inString = false;
              if (this.depth === 0) this.finish(chunk, i + 1);
            }
          } else if (this.scalar) {
            if (isSpace(c) || c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR) {
              this.finish(chunk, i);
              i--; // the delimiter belongs to the enclosing structure
            }
          } else if (c === QUOTE) this.inString = true;
          else if (c === OPEN_OBJ || c === OPEN_ARR) this.depth++;
          else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
            this.depth--;
            if (this.depth === 0) this.finish(chunk, i + 1);
          }
          break;
        }
        case 'keyString': {
          if (this.escape) this.escape = false;
          else if (c === BACKSLASH) this.escape = true;
          else if (c === QUOTE) {
            this.parts.push(chunk.slice(keyFrom, i));
            this.key = JSON.parse('"' + this.parts.join('') + '"') as string;
            this.parts = [];
            this.state = 'colon';
          }
          break;
        }
        default: {
          if (isSpace(c)) break;
          this.structural(c, i);
          if ((this.state as State) === 'keyString') {
            keyFrom = i + 1;
            this.parts = [];
          }
        }
      }
    }
    if (this.state === 'capture') {
      const part = chunk.slice(this.from);
      this.parts.push(part);
      this.partsLen += part.length;
      this.from = 0;
      if (this.partsLen > this.maxRowChars) this.fail(`${this.where()} is longer than ${this.maxRowChars} characters; the limit for one row`);
    } else if (this.state === 'keyString') {
      this.parts.push(chunk.slice(keyFrom));
    }
  }

  private structural(c: number, i: number): void {
    switch (this.state) {
      case 'start':
        if (c === 0xfeff) return;
        if (c !== OPEN_OBJ) this.fail('a pack must be one JSON object ({ ... })');
        this.state = 'key';
        return;
      case 'key':
        if (c === QUOTE) {
          this.state = 'keyString';
          this.escape = false;
          return;
        }
        if (c === CLOSE_OBJ && this.seen.size === 0) {
          this.state = 'end';
          return;
        }
        this.fail('expected a field name at the top level of the pack');
      // falls through (fail never returns)
      case 'colon':
        if (c !== COLON) this.fail(`expected ":" after "${this.key}"`);
        if (this.seen.has(this.key)) this.fail(`the field "${this.key}" appears twice`);
        this.seen.add(this.key);
        this.state = 'value';
        return;
      case 'value':
        if (this.streamed.has(this.key)) {
          if (c !== OPEN_ARR) this.fail(`"${this.key}" must be a list ([ ... ])`);
          this.inArray = true;
          this.index = 0;
          this.state = 'element';
          return;
        }
        this.begin(i, c);
        return;
      case 'afterValue':
        if (c === COMMA) this.state = 'key';
        else if (c === CLOSE_OBJ) this.state = 'end';
        else this.fail(`expected "," or "}" after the value of "${this.key}"`);
        return;
      case 'element':
        if (c === CLOSE_ARR && this.index === 0) {
          this.inArray = false;
          this.state = 'afterValue';
          return;
        }
        this.begin(i, c);
        return;
      case 'afterElement':
        if (c === COMMA) this.state = 'element';
        else if (c === CLOSE_ARR) {
          this.inArray = false;
          this.state = 'afterValue';
        } else this.fail(`expected "," or "]" after ${this.key}[${this.index - 1}]`);
        return;
      case 'end':
        this.fail('unexpected text after the end of the pack');
      // falls through (fail never returns)
      default:
        return;
    }
  }

  /** Call after the last chunk. */
  end(): void {
    if (this.state === 'capture' && this.scalar) this.finish('', 0);
    if (this.state === 'start') this.fail('the file is empty');
    if (this.state !== 'end') this.fail('the file ends in the middle of the pack (truncated?)');
  }
}
