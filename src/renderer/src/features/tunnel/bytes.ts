import i18next from 'i18next';
import { count } from '../../format';

/** Base64 → bytes, in the browser (no Buffer here). */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Shows bytes as text when they are valid UTF-8, else as a hex dump (first `max` bytes). */
export function showBytes(bytes: Uint8Array, max = 64 * 1024): { text: string; binary: boolean; truncated: boolean } {
  const slice = bytes.subarray(0, max);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(slice);
    return { text, binary: false, truncated: bytes.length > max };
  } catch {
    const lines: string[] = [];
    for (let i = 0; i < slice.length; i += 16) {
      const row = Array.from(slice.subarray(i, i + 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
      lines.push(`${i.toString(16).padStart(6, '0')}  ${row}`);
    }
    return { text: lines.join('\n'), binary: true, truncated: bytes.length > max };
  }
}

/** Pretty JSON when the text is JSON, else null. */
export function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const CURL_SKIP = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/** A curl command that sends the same method, headers and bytes to `url` (text bodies only). */
export function curlCommand(method: string, url: string, headers: [string, string][], body: Uint8Array): string | null {
  const shown = showBytes(body, Number.MAX_SAFE_INTEGER);
  if (shown.binary) return null;
  const parts = [`curl -X ${method} ${shellQuote(url)}`];
  for (const [k, v] of headers) if (!CURL_SKIP.has(k.toLowerCase())) parts.push(`-H ${shellQuote(`${k}: ${v}`)}`);
  if (body.length > 0) parts.push(`--data-binary ${shellQuote(shown.text)}`);
  return parts.join(' \\\n  ');
}

/** The example local target: a placeholder, and the curl command's URL when no forward target is set. */
export const EXAMPLE_TARGET = 'http://localhost:3000/webhooks';

const KIB = 1024;
const MIB = 1024 * 1024;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * A size for a person: bytes below 1 KiB, then KiB and MiB (binary, one decimal), with the
 * digits grouped as the UI's locale groups them and the unit words from the catalog.
 */
export function byteSize(n: number): string {
  if (n < KIB) return i18next.t('tunnel:size.bytes', { count: n, n: count(n) });
  if (n < MIB) return i18next.t('tunnel:size.kib', { n: count(oneDecimal(n / KIB)) });
  return i18next.t('tunnel:size.mib', { n: count(oneDecimal(n / MIB)) });
}
