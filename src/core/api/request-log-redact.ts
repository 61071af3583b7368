/**
 * What the API request log never keeps: credentials. API keys, signing secrets and
 * handler auth headers keep a recognisable prefix (`Bearer sk_live…`, `whsec_abc…`).
 */

/**
 * JSON keys whose values are credentials: the log keeps their first characters only. A
 * value may run to the end of the text (a body cut inside it).
 */
const SECRET_KEYS = /("(?:signing_secret|key|auth_header|secret)"\s*:\s*")([^"\\]{0,9})(?:[^"\\]|\\.)*(?:"|\\?$)/g;
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-api-key', 'proxy-authorization']);

/** A body as logged: signing secrets, API keys and auth headers cut to a recognisable prefix. */
export function redactBody(body: string): string {
  return body.replace(SECRET_KEYS, (_m, head: string, keep: string) => `${head}${keep}…"`);
}

/** True for a header whose value is a credential. */
export const isSecretHeader = (name: string): boolean => SECRET_HEADERS.has(name.toLowerCase());

/** The value up to its last word's first 7 characters: `Bearer sk_abcdef` → `Bearer sk_abcd…`. */
export function keepPrefix(value: string): string {
  const trimmed = value.trimEnd();
  const lastWord = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t')) + 1;
  return `${trimmed.slice(0, Math.min(trimmed.length, lastWord + 7))}…`;
}

/** Header lines (names and values alternating, as Node's `rawHeaders`) with credentials cut. */
export function redactHeaders(raw: readonly string[]): string[] {
  const out = raw.slice();
  for (let i = 0; i + 1 < out.length; i += 2) if (isSecretHeader(out[i])) out[i + 1] = keepPrefix(out[i + 1]);
  return out;
}
