import { StudioError } from '../../shared/errors';

/**
 * `--set path=value` semantics, shared by the CLI, the contract and scenarios:
 * - the path points into the JSON body that is sent (`data.reason`, `user_id`,
 *   `wakeup.intent`); a leading `$.` is allowed;
 * - segments are `.name`, `[n]` (array index) or `["any key"]`;
 * - the value is parsed as JSON when it parses (`3`, `true`, `null`, `"3"`, `{"a":1}`),
 *   otherwise taken as a plain string (`--set data.reason=hello world`);
 * - missing parents are created: an object, or an array when the next segment is `[n]`;
 * - setting inside a string/number/boolean/null is an error (nothing is overwritten silently).
 */
export type Segment = string | number;

export interface SetOp {
  path: Segment[];
  value: unknown;
  /** The path as written. */
  raw: string;
}

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
export const MAX_SET_OPS = 100;

function bad(message: string): StudioError {
  return new StudioError('invalid_params', message);
}

export function parsePath(raw: string): Segment[] {
  let s = raw.trim();
  if (s.startsWith('$')) s = s.slice(1);
  const out: Segment[] = [];
  let i = 0;
  if (s && s[0] !== '.' && s[0] !== '[') s = '.' + s;
  while (i < s.length) {
    if (s[i] === '.') {
      let j = i + 1;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      const name = s.slice(i + 1, j);
      if (!name) throw bad(`--set path "${raw}" has an empty segment`);
      out.push(name);
      i = j;
    } else if (s[i] === '[') {
      const close = s[i + 1] === '"' ? s.indexOf('"]', i + 2) + 1 : s.indexOf(']', i);
      if (close <= 0) throw bad(`--set path "${raw}" has an unclosed [`);
      const inner = s.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner.startsWith('"')) out.push(JSON.parse(inner) as string);
      else throw bad(`--set path "${raw}": [${inner}] is neither an index nor a "quoted key"`);
      i = close + 1;
    } else {
      throw bad(`--set path "${raw}" is malformed at "${s.slice(i)}"`);
    }
  }
  if (!out.length) throw bad('--set needs a path before =');
  for (const seg of out) if (typeof seg === 'string' && FORBIDDEN.has(seg)) throw bad(`--set path may not use ${seg}`);
  return out;
}

export function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Parses `path=value` (the first `=` separates them). */
export function parseSet(arg: string): SetOp {
  const eq = arg.indexOf('=');
  if (eq < 0) throw bad(`--set "${arg}" must look like path=value`);
  const raw = arg.slice(0, eq);
  return { path: parsePath(raw), value: parseValue(arg.slice(eq + 1)), raw };
}

function describe(path: Segment[], upto: number): string {
  return path
    .slice(0, upto)
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

/** Applies the operations in order to a deep copy of `target`. */
export function applySets<T>(target: T, ops: readonly SetOp[]): T {
  if (ops.length > MAX_SET_OPS) throw bad(`at most ${MAX_SET_OPS} --set operations`);
  const root = structuredClone(target) as unknown;
  if (root === null || typeof root !== 'object') throw bad('--set needs a JSON object to set into');
  for (const op of ops) {
    let node = root as Record<string | number, unknown>;
    op.path.forEach((seg, i) => {
      const last = i === op.path.length - 1;
      if (Array.isArray(node) && typeof seg !== 'number') {
        throw bad(`--set ${op.raw}: ${describe(op.path, i) || '$'} is an array; use [n]`);
      }
      if (typeof seg === 'number' && !Array.isArray(node)) {
        throw bad(`--set ${op.raw}: ${describe(op.path, i) || '$'} is not an array`);
      }
      if (last) {
        node[seg] = structuredClone(op.value);
        return;
      }
      let child = node[seg];
      if (child === undefined) {
        child = typeof op.path[i + 1] === 'number' ? [] : {};
        node[seg] = child;
      } else if (child === null || typeof child !== 'object') {
        throw bad(`--set ${op.raw}: ${describe(op.path, i + 1)} is ${JSON.stringify(child)}, not an object`);
      }
      node = child as Record<string | number, unknown>;
    });
  }
  return root as T;
}
