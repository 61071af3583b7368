/**
 * What the scan expected where the JSON broke: a value, a closing quote, a `"key"`, `:`,
 * `,` or `}`, `,` or `]`, or the end of the document (the catalog words each, see `json.at`).
 */
export type JsonExpected = 'value' | 'closingQuote' | 'key' | 'colon' | 'commaOrBrace' | 'commaOrBracket' | 'end';

/**
 * Where a JSON text first breaks, as line and column (1-based). JSON.parse's messages
 * differ between engines (V8 in Node 20 gives no position), so the editor finds it itself
 * with a small recursive-descent scan. Returns null for valid JSON.
 */
export function locateJsonError(
  text: string,
): { line: number; column: number; offset: number; expected: JsonExpected } | null {
  let i = 0;
  class Stop extends Error {
    constructor(readonly expected: JsonExpected) {
      super(expected);
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (expected: JsonExpected): never => {
    throw new Stop(expected);
  };
  const lit = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('value');
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] < ' ') fail('closingQuote');
      i++;
    }
    if (i >= text.length) fail('closingQuote');
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('value');
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
        if (text[i] !== '"') fail('key');
        str();
        ws();
        if (text[i] !== ':') fail('colon');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail('commaOrBrace');
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
        fail('commaOrBracket');
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
    if (i < text.length) fail('end');
    return null;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    return { line, column: i - before.lastIndexOf('\n'), offset: i, expected: err.expected };
  }
}
