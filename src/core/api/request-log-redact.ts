/**
 * What the API request log never keeps: credentials. API keys, signing secrets and
 * handler auth headers keep a short prefix (`Bearer sk_test…`, `whsec_abc…`), never more
 * than half of the value, so a short secret is not kept whole either.
 *
 * Bodies are matched as text (cheap on the request thread), in the three shapes a secret
 * takes in them: a JSON member (`"auth_header":"…"`, any case), the same inside a JSON
 * string (a refused body echoed in an error: `\"auth_header\":\"…`), and a field error
 * echoing the value of a secret field (`"location":"body.auth_header",…,"value":"…"`). A
 * body spelling a key with `\u` escapes is parsed, redacted member by member and written
 * again.
 */

/** JSON member names whose values are credentials (matched in any case). */
const SECRET_NAMES = 'signing_secret|auth_header|secret|key|api_key|password';
const SECRET_NAME = new RegExp(`^(?:${SECRET_NAMES})$`, 'i');
/** Could the text hold a secret at all? (Most bodies cannot: one scan, then nothing.) */
const MAYBE = new RegExp(`(?:${SECRET_NAMES})\\\\?"`, 'i');
/** `"name": "value"`; the value may run to the end of the text (a body cut inside it). */
const MEMBER = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)("|\\\\?$)`, 'gi');
/** The same member inside a JSON string: its quotes escaped. */
const ESCAPED = new RegExp(`(\\\\"(?:${SECRET_NAMES})\\\\"\\s*:\\s*\\\\")((?:[^"\\\\]|\\\\[^"])*)(\\\\"|\\\\?$)`, 'gi');
/** A field error (problem+json) echoing the value of a secret field. */
const ECHO = new RegExp(
  `("location"\\s*:\\s*"[^"]*\\.(?:${SECRET_NAMES})"\\s*,\\s*"message"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"\\s*,\\s*"value"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)("|\\\\?$)`,
  'gi',
);
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** At most `max` characters of a secret, and never more than half of it. */
const prefix = (value: string, max: number) => value.slice(0, Math.min(max, Math.floor(value.length / 2)));

function mask(_m: string, head: string, value: string, end: string): string {
  return `${head}${prefix(value, 9)}…${end || (head.endsWith('\\"') ? '\\"' : '"')}`;
}

/** A parsed JSON value with the values of secret members cut to a prefix. */
function redactValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactValue);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = SECRET_NAME.test(k) && typeof x === 'string' ? `${prefix(x, 9)}…` : redactValue(x);
  }
  return out;
}

/** A body as logged: every secret cut to a prefix. */
export function redactBody(body: string): string {
  let text = body;
  let members = true;
  if (text.includes('\\u')) {
    try {
      text = JSON.stringify(redactValue(JSON.parse(text)));
      members = false; // done, member by member
    } catch {
      /* not JSON: matched as text below */
    }
  }
  if (!MAYBE.test(text)) return text;
  text = text.replace(ECHO, mask);
  if (members) text = text.replace(MEMBER, mask);
  return text.replace(ESCAPED, mask);
}

/** True for a header whose value is a credential. */
export const isSecretHeader = (name: string): boolean => SECRET_HEADERS.has(name.toLowerCase());

/**
 * A credential header's value as logged: an auth scheme stays (`Bearer sk_test…`), a
 * cookie keeps its names only (`session=…; theme=…`), anything else a prefix.
 */
export function redactHeaderValue(name: string, value: string): string {
  if (name.toLowerCase() === 'cookie') {
    return value
      .split(';')
      .map((pair) => {
        const eq = pair.indexOf('=');
        return eq < 0 ? '…' : `${pair.slice(0, eq + 1)}…`;
      })
      .join(';');
  }
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return `${prefix(trimmed, 7)}…`;
  const credentials = trimmed.slice(space).trim();
  return `${trimmed.slice(0, space)} ${prefix(credentials, 7)}…`;
}

/** Header lines (names and values alternating, as Node's `rawHeaders`) with credentials cut. */
export function redactHeaders(raw: readonly string[]): string[] {
  const out = raw.slice();
  for (let i = 0; i + 1 < out.length; i += 2) {
    if (isSecretHeader(out[i])) out[i + 1] = redactHeaderValue(out[i], out[i + 1]);
  }
  return out;
}
