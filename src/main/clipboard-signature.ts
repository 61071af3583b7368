export const CLIPBOARD_MAX_CHARS = 1_000_000;

/**
 * Reads a webhook request pasted as text: its headers (a request line may come first),
 * a blank line, then the body exactly. Returns null when there is no `Sonzai-Signature`
 * header or no blank line before a body.
 */
export function parseSignedRequest(text: string): { header: string; body: string } | null {
  if (text.length > CLIPBOARD_MAX_CHARS) return null;
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return null;
  const head = text.slice(0, m.index);
  const body = text.slice(m.index + m[0].length);
  const line = head.split(/\r?\n/).find((l) => /^sonzai-signature\s*:/i.test(l.trim()));
  if (!line) return null;
  const header = line.slice(line.indexOf(':') + 1).trim();
  return header ? { header, body } : null;
}
