import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Sonzai's webhook signature, as production sends it:
 *   Sonzai-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>." + raw body)>
 * where key is the signing secret minus its `whsec_` prefix, as literal UTF-8 bytes
 * (not base64-decoded, unlike Standard Webhooks / Svix). Pure: the clock is a parameter.
 */
export const SIGNATURE_HEADER = 'Sonzai-Signature';
export const SECRET_PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_S = 300;

export type Body = string | Uint8Array;

function bytes(body: Body): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** The HMAC key: the secret without its `whsec_` prefix. */
export function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'utf8');
}

/** The exact bytes that are signed: `"<t>." + body`. */
export function signedPayload(timestamp: number, body: Body): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), bytes(body)]);
}

export function computeSignature(secret: string, timestamp: number, body: Body): string {
  return createHmac('sha256', signingKey(secret)).update(signedPayload(timestamp, body)).digest('hex');
}

/** The header value for `body` at `timestamp`, with one `v1` per secret (rotation overlap signs with two). */
export function sign(body: Body, secrets: string | readonly string[], timestamp: number): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new Error('sign needs at least one secret');
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new Error('timestamp must be whole unix seconds');
  return [`t=${timestamp}`, ...list.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(',');
}

export interface ParsedHeader {
  timestamp: number;
  v1: string[];
}

export type VerifyFailure =
  | { ok: false; reason: 'missing_header'; message: string }
  | { ok: false; reason: 'malformed_header'; message: string }
  | { ok: false; reason: 'no_v1'; message: string }
  | { ok: false; reason: 'timestamp_too_old'; message: string; skewSeconds: number }
  | { ok: false; reason: 'timestamp_too_new'; message: string; skewSeconds: number }
  | { ok: false; reason: 'no_match'; message: string; expected: string; received: string[] };
export type VerifyResult = { ok: true; timestamp: number; matchedIndex: number } | VerifyFailure;

/** Parses `t=…,v1=…[,v1=…]`; other schemes (v0, …) are ignored as production's verifiers do. */
export function parseHeader(header: string): ParsedHeader | VerifyFailure {
  const parts = header.split(',').map((p) => p.trim());
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed_header', message: `"${part}" is not a key=value pair` };
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value))
        return { ok: false, reason: 'malformed_header', message: `t=${value} is not unix seconds` };
      timestamp = Number(value);
    } else if (key === 'v1') {
      v1.push(value);
    }
  }
  if (timestamp === null) return { ok: false, reason: 'malformed_header', message: 'the header has no t= timestamp' };
  if (v1.length === 0) return { ok: false, reason: 'no_v1', message: 'the header has no v1= signature' };
  return { timestamp, v1 };
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface VerifyOptions {
  /** Seconds of allowed clock difference, past and future (default 300). */
  toleranceSeconds?: number;
  /** The verifier's clock, unix seconds. */
  now: number;
}

/** Checks a header against a body and secret; the result names the exact failure. */
export function verify(
  body: Body,
  header: string | null | undefined,
  secret: string,
  opts: VerifyOptions,
): VerifyResult {
  if (header === null || header === undefined || header.trim() === '') {
    return { ok: false, reason: 'missing_header', message: `the ${SIGNATURE_HEADER} header is missing` };
  }
  const parsed = parseHeader(header);
  if ('ok' in parsed) return parsed;
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_S;
  const skew = opts.now - parsed.timestamp;
  if (skew > tolerance) {
    return {
      ok: false,
      reason: 'timestamp_too_old',
      skewSeconds: skew,
      message: `timestamp is ${skew} s old, more than the ${tolerance} s tolerance`,
    };
  }
  if (-skew > tolerance) {
    return {
      ok: false,
      reason: 'timestamp_too_new',
      skewSeconds: -skew,
      message: `timestamp is ${-skew} s in the future, more than the ${tolerance} s tolerance`,
    };
  }
  const expected = computeSignature(secret, parsed.timestamp, body);
  let matched = -1;
  // Compare against every entry (no early exit) so timing does not say which matched.
  parsed.v1.forEach((candidate, i) => {
    if (safeEqualHex(candidate, expected) && matched < 0) matched = i;
  });
  if (matched < 0) {
    return {
      ok: false,
      reason: 'no_match',
      expected,
      received: parsed.v1,
      message: 'no v1 signature matches this body and secret',
    };
  }
  return { ok: true, timestamp: parsed.timestamp, matchedIndex: matched };
}

export interface Explanation {
  timestamp: number;
  /** `"<t>." + body`, as text (lossy for non-UTF-8 bodies). */
  signedString: string;
  keyUtf8: string;
  hmac: string;
  header: string;
}

/** What was signed and how: for the signature inspector. */
export function explain(body: Body, secret: string, timestamp: number): Explanation {
  const hmac = computeSignature(secret, timestamp, body);
  return {
    timestamp,
    signedString: signedPayload(timestamp, body).toString('utf8'),
    keyUtf8: signingKey(secret).toString('utf8'),
    hmac,
    header: `t=${timestamp},v1=${hmac}`,
  };
}
