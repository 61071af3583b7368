/**
 * Where a JSON text first breaks, as line and column (1-based). JSON.parse's messages
 * differ between engines (V8 in Node 20 gives no position), so the editor finds it itself
 * with a small recursive-descent scan. Returns null for valid JSON.
 */
export function locateJsonError(
  text: string,
): { line: number; column: number; offset: number; expected: string } | null {
  let i = 0;
  class Stop extends Error {
    constructor(readonly expected: string) {
      super(expected);
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(expected);
  };
  const lit = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`a value`);
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] < ' ') fail('a closing quote');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('a value');
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a "key"');
        str();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    return num();
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the document');
    return null;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    return { line, column: i - before.lastIndexOf('\n'), offset: i, expected: err.expected };
  }
}
