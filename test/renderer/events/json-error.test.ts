import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../src/renderer/src/features/events/json-error';
import { lineOfPointer } from '../../../src/renderer/src/features/events/json-lines';

describe('locateJsonError', () => {
  it('accepts every valid document JSON.parse accepts', () => {
    for (const ok of ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\"y"]}', ' {"a" : {"b": []}} ', '"s"', '0']) {
      expect(locateJsonError(ok), ok).toBeNull();
    }
  });

  it('points at the first broken character with what was expected', () => {
    expect(locateJsonError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1, expected: 'key' });
    expect(locateJsonError('{"a" 1}')).toMatchObject({ line: 1, column: 6, expected: 'colon' });
    expect(locateJsonError('{"a": [1 2]}')).toMatchObject({ line: 1, column: 10, expected: 'commaOrBracket' });
    expect(locateJsonError('{"a": 1 "b"}')).toMatchObject({ line: 1, column: 9, expected: 'commaOrBrace' });
    expect(locateJsonError('{"a": "open')).toMatchObject({ expected: 'closingQuote' });
    expect(locateJsonError('{} x')).toMatchObject({ column: 4, expected: 'end' });
    expect(locateJsonError('{"a": tru}')).toMatchObject({ column: 7, expected: 'value' });
  });
});

describe('lineOfPointer', () => {
  const text = JSON.stringify(
    { previous: { happiness: 1 }, current: { happiness: 140, energy: 3 }, list: [1, { a: 2 }] },
    null,
    2,
  );
  const lines = text.split('\n');

  it('finds the line of a key, an array item, and falls back to the parent for a missing key', () => {
    expect(lines[lineOfPointer(text, '/current/happiness')! - 1]).toContain('"happiness": 140');
    expect(lines[lineOfPointer(text, '/list/1/a')! - 1]).toContain('"a": 2');
    expect(lines[lineOfPointer(text, '/current/calmness')! - 1]).toContain('"current"');
    expect(lineOfPointer(text, '')).toBe(1);
    expect(lineOfPointer('{broken', '/a')).toBeNull();
  });
});
