/**
 * Maps JSON Pointers (`/current/happiness`) to where they sit in a JSON text, so schema
 * issues can point at a line of the editor. For a missing key, the pointer's parent is
 * used. Returns an empty map for text that is not valid JSON.
 */
export function pointerOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const value = (ptr: string, at: number): void => {
    ws();
    out.set(ptr, at);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const keyAt = i;
        const key = str();
        ws();
        i++; // :
        value(`${ptr}/${esc(key)}`, keyAt);
        ws();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        ws();
        value(`${ptr}/${n}`, i);
        ws();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') return void str();
    const m = /^[^,\]}\s]+/.exec(text.slice(i));
    i += m ? m[0].length : 1;
  };
  try {
    JSON.parse(text);
    value('', 0);
  } catch {
    return new Map();
  }
  return out;
}

/** The 1-based line of a pointer (or of its nearest existing parent). */
export function lineOfPointer(text: string, pointer: string, offsets = pointerOffsets(text)): number | null {
  let p = pointer;
  for (;;) {
    const at = offsets.get(p);
    if (at !== undefined) return text.slice(0, at).split('\n').length;
    if (!p) return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
