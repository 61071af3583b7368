import { describe, expect, it } from 'vitest';
import { applySets, parsePath, parseSet } from '../../../src/core/events/set-path';

const set = (target: unknown, ...args: string[]) => applySets(target, args.map(parseSet));

describe('--set path=value', () => {
  it('parses values as JSON when they parse, otherwise as plain strings', () => {
    expect(set({}, 'a=3', 'b=true', 'c=null', 'd="3"', 'e={"x":[1]}', 'f=hello world', 'g=', 'h=a=b')).toEqual({
      a: 3,
      b: true,
      c: null,
      d: '3',
      e: { x: [1] },
      f: 'hello world',
      g: '',
      h: 'a=b',
    });
  });

  it('walks dots, [n] indices and ["quoted keys"], creating missing parents', () => {
    const out = set(
      { data: { mood: { happiness: 10 } }, list: [{ a: 1 }] },
      'data.mood.happiness=90',
      '$.data.reason=because',
      'list[0].a=2',
      'new.deep[1]=x',
      'data["odd.key"]=1',
    );
    expect(out).toEqual({
      data: { mood: { happiness: 90 }, reason: 'because', 'odd.key': 1 },
      list: [{ a: 2 }],
      new: { deep: [undefined, 'x'] },
    });
  });

  it('applies in order and never mutates its input', () => {
    const input = { data: { a: 1 } };
    expect(set(input, 'data.a=2', 'data.a=3')).toEqual({ data: { a: 3 } });
    expect(input).toEqual({ data: { a: 1 } });
  });

  it('refuses to overwrite a scalar by walking through it, and says where', () => {
    expect(() => set({ data: { a: 'text' } }, 'data.a.b=1')).toThrow(/data\.a is "text", not an object/);
    expect(() => set({ list: [1] }, 'list.x=1')).toThrow(/list is an array; use \[n\]/);
    expect(() => set({ obj: {} }, 'obj[0]=1')).toThrow(/obj is not an array/);
  });

  it('rejects malformed arguments and prototype keys', () => {
    expect(() => parseSet('novalue')).toThrow(/path=value/);
    expect(() => parseSet('=1')).toThrow(/needs a path/);
    expect(() => parsePath('a..b')).toThrow(/empty segment/);
    expect(() => parsePath('a[x]')).toThrow(/neither an index/);
    expect(() => parsePath('__proto__.polluted')).toThrow(/may not use __proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
