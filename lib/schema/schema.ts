/**
 * A small validator whose schemas also print themselves as JSON Schema, so the documented
 * pack format (docs/pack-format.schema.json) is generated from the code that enforces it.
 * Errors carry a path (entities[41].facts[2].date) and say what was expected.
 */

export interface Issue {
  path: string;
  message: string;
}

/**
 * Where a value is, as a stack of keys and indices (pushed and popped while checking, so a valid
 * row allocates no path strings; the path is formatted only for an issue).
 */
export type Path = (string | number)[];

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export interface Schema<T> {
  /** Returns the value itself when valid, or undefined after recording issues. */
  check(value: unknown, path: Path, issues: Issue[]): T | undefined;
  json(): Record<string, unknown>;
  readonly optional?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const show = (v: unknown): string => {
  const s =
    typeof v === 'string'
      ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)
      : Array.isArray(v)
        ? 'a list'
        : v === null
          ? 'null'
          : typeof v === 'object'
            ? 'an object'
            : String(v);
  return s;
};

export function string(opts: { min?: number; max: number; pattern?: RegExp; patternText?: string; description?: string }): Schema<string> {
  const min = opts.min ?? 0;
  return {
    check(v, path, issues) {
      if (typeof v !== 'string') {
        issues.push({ path: formatPath(path), message: `must be text, got ${show(v)}` });
        return undefined;
      }
      if (v.length < min) {
        issues.push({ path: formatPath(path), message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` });
        return undefined;
      }
      if (v.length > opts.max) {
        issues.push({ path: formatPath(path), message: `is ${v.length} characters long; the limit is ${opts.max}` });
        return undefined;
      }
      if (opts.pattern && !opts.pattern.test(v)) {
        issues.push({ path: formatPath(path), message: `${opts.patternText ?? 'has the wrong form'}, got ${show(v)}` });
        return undefined;
      }
      return v;
    },
    json: () => ({
      type: 'string',
      ...(min ? { minLength: min } : {}),
      maxLength: opts.max,
      ...(opts.pattern ? { pattern: opts.pattern.source } : {}),
      ...(opts.description ? { description: opts.description } : {}),
    }),
  };
}

export function number(opts: { min?: number; max?: number; integer?: boolean; description?: string } = {}): Schema<number> {
  return {
    check(v, path, issues) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        issues.push({ path: formatPath(path), message: `must be a number, got ${show(v)}` });
        return undefined;
      }
      if (opts.integer && !Number.isInteger(v)) {
        issues.push({ path: formatPath(path), message: `must be a whole number, got ${v}` });
        return undefined;
      }
      if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
        issues.push({ path: formatPath(path), message: `must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}, got ${v}` });
        return undefined;
      }
      return v;
    },
    json: () => ({
      type: opts.integer ? 'integer' : 'number',
      ...(opts.min !== undefined ? { minimum: opts.min } : {}),
      ...(opts.max !== undefined ? { maximum: opts.max } : {}),
      ...(opts.description ? { description: opts.description } : {}),
    }),
  };
}

export function boolean(): Schema<boolean> {
  return {
    check(v, path, issues) {
      if (typeof v !== 'boolean') {
        issues.push({ path: formatPath(path), message: `must be true or false, got ${show(v)}` });
        return undefined;
      }
      return v;
    },
    json: () => ({ type: 'boolean' }),
  };
}

export function literal<T extends string | number>(value: T): Schema<T> {
  return {
    check(v, path, issues) {
      if (v !== value) {
        issues.push({ path: formatPath(path), message: `must be ${JSON.stringify(value)}, got ${show(v)}` });
        return undefined;
      }
      return value;
    },
    json: () => ({ const: value }),
  };
}

export function oneOf<T extends string>(values: readonly T[]): Schema<T> {
  return {
    check(v, path, issues) {
      if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
        issues.push({ path: formatPath(path), message: `must be one of ${values.join(', ')}, got ${show(v)}` });
        return undefined;
      }
      return v as T;
    },
    json: () => ({ enum: [...values] }),
  };
}

export function array<T>(item: Schema<T>, opts: { max: number; min?: number }): Schema<T[]> {
  return {
    check(v, path, issues) {
      if (!Array.isArray(v)) {
        issues.push({ path: formatPath(path), message: `must be a list, got ${show(v)}` });
        return undefined;
      }
      if (v.length > opts.max) {
        issues.push({ path: formatPath(path), message: `has ${v.length} items; the limit is ${opts.max}` });
        return undefined;
      }
      if (opts.min && v.length < opts.min) {
        issues.push({ path: formatPath(path), message: `needs at least ${opts.min} item${opts.min > 1 ? 's' : ''}` });
        return undefined;
      }
      const before = issues.length;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        item.check(v[i], path, issues);
        path.pop();
      }
      return issues.length === before ? (v as T[]) : undefined;
    },
    json: () => ({ type: 'array', items: item.json(), maxItems: opts.max, ...(opts.min ? { minItems: opts.min } : {}) }),
  };
}

export function optional<T>(inner: Schema<T>): Schema<T | undefined> & { optional: true } {
  return {
    optional: true,
    check: (v, path, issues) => (v === undefined ? undefined : inner.check(v, path, issues)),
    json: () => inner.json(),
  };
}

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = {
  [K in keyof S as S[K] extends { optional: true } ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as S[K] extends { optional: true } ? K : never]?: Exclude<Infer<S[K]>, undefined>;
};

/** An object with exactly these fields (unknown fields are an error, so typos are caught). */
export function object<S extends Shape>(shape: S, opts: { description?: string; extra?: 'error' | 'ignore' } = {}): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return {
    check(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path: formatPath(path) || '(top)', message: `must be an object, got ${show(v)}` });
        return undefined;
      }
      const before = issues.length;
      const o = v as Record<string, unknown>;
      for (const k of keys) {
        const s = shape[k]!;
        const x = o[k];
        path.push(k);
        if (x === undefined || !Object.hasOwn(o, k)) {
          if (!s.optional) issues.push({ path: formatPath(path), message: 'is required' });
        } else s.check(x, path, issues);
        path.pop();
      }
      if (opts.extra !== 'ignore')
        for (const k in o)
          if (Object.hasOwn(o, k) && !Object.hasOwn(shape, k)) {
            path.push(k);
            issues.push({ path: formatPath(path), message: 'is not a known field' });
            path.pop();
          }
      return issues.length === before ? (o as ObjectOf<S>) : undefined;
    },
    json: () => ({
      type: 'object',
      ...(opts.description ? { description: opts.description } : {}),
      properties: Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.json()])),
      required: Object.entries(shape)
        .filter(([, s]) => !s.optional)
        .map(([k]) => k),
      additionalProperties: opts.extra === 'ignore',
    }),
  };
}

/** A map from free keys to values of one schema. */
export function record<T>(keys: Schema<string>, value: Schema<T>, opts: { max: number }): Schema<Record<string, T>> {
  return {
    check(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path: formatPath(path), message: `must be an object, got ${show(v)}` });
        return undefined;
      }
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length > opts.max) {
        issues.push({ path: formatPath(path), message: `has ${entries.length} keys; the limit is ${opts.max}` });
        return undefined;
      }
      const before = issues.length;
      for (const [k, x] of entries) {
        path.push(k);
        keys.check(k, path, issues);
        value.check(x, path, issues);
        path.pop();
      }
      return issues.length === before ? (v as Record<string, T>) : undefined;
    },
    json: () => ({ type: 'object', additionalProperties: value.json(), propertyNames: keys.json(), maxProperties: opts.max }),
  };
}

/** Runs a schema; returns the value or the list of issues. */
export function validate<T>(schema: Schema<T>, value: unknown, path = ''): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const r = schema.check(value, path ? [path] : [], issues);
  if (issues.length || r === undefined) return { ok: false, issues: issues.length ? issues : [{ path: path || '(top)', message: 'is invalid' }] };
  return { ok: true, value: r };
}
