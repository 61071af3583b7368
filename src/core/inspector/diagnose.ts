import { createHmac } from 'node:crypto';
import type { Diagnosis, DiagnosisFacts, DiagnosisReason } from '../../shared/contract/inspector';
import {
  computeSignature,
  DEFAULT_TOLERANCE_S,
  parseHeader,
  SECRET_PREFIX,
  SIGNATURE_HEADER,
} from '../signing/signature';
import { compareJsonTexts, firstByteDifference, reserialisedVariants } from './json-compare';
import { maskSecret } from './secrets';

export interface KnownSecret {
  /** How to name it in a message, e.g. "agent.message webhook (rotated 2026-…)". Never the secret. */
  label: string;
  secret: string;
  rotatedAt?: string | null;
  /** The same webhook as the secret being checked (so a match means "rotated since"). */
  sameWebhook?: boolean;
  /** Its webhook's event type, so a UI can name it in its own language (the label is English). */
  eventType?: string;
}

export interface DiagnoseInput {
  body: string | Buffer;
  /** The header value, or the whole line `Sonzai-Signature: t=…` as people paste it. */
  header: string;
  secret: string;
  /** The verifier's clock, unix seconds. */
  nowSeconds: number;
  toleranceSeconds?: number;
  /** Bytes the studio actually sent with this header (looked up by the caller), if any. */
  originals?: Buffer[];
  /** Other secrets the studio knows, to recognise a wrong or rotated secret. */
  knownSecrets?: KnownSecret[];
}

const hmacHex = (key: Buffer, t: number, body: Buffer) =>
  createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${t}.`), body]))
    .digest('hex');

/** Strips a pasted `Sonzai-Signature:` name; keeps the value as is. */
export function headerValue(raw: string): string {
  const m = /^\s*sonzai-signature\s*:\s*/i.exec(raw);
  return (m ? raw.slice(m[0].length) : raw).trim();
}

function result(
  reason: DiagnosisReason,
  message: string,
  extra: Partial<Omit<Diagnosis, 'reason' | 'message' | 'ok'>> = {},
): Diagnosis {
  return {
    ok: reason === 'valid',
    reason,
    message,
    notes: extra.notes ?? [],
    timestamp: extra.timestamp ?? null,
    expectedHmac: extra.expectedHmac ?? null,
    receivedHmacs: extra.receivedHmacs ?? [],
    ...(extra.facts ? { facts: extra.facts } : {}),
  };
}

/** Why parseHeader refused a header, as data (the same checks, in the same order). */
function headerProblem(value: string): Pick<DiagnosisFacts, 'headerProblem' | 'headerPart'> {
  let timestamp = false;
  for (const part of value.split(',').map((p) => p.trim())) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { headerProblem: 'not_key_value', headerPart: part };
    if (part.slice(0, eq) !== 't') continue;
    const t = part.slice(eq + 1);
    if (!/^\d{1,12}$/.test(t)) return { headerProblem: 'bad_timestamp', headerPart: t };
    timestamp = true;
  }
  return { headerProblem: timestamp ? 'no_v1' : 'no_timestamp' };
}

/** firstDifference's English detail as data: "key removed", "array of 2 became 3 items", "1 became 2". */
function changeFacts(
  detail: string,
): Pick<DiagnosisFacts, 'bodyChange' | 'before' | 'after' | 'beforeLength' | 'afterLength'> {
  if (detail === 'key removed') return { bodyChange: 'key_removed' };
  if (detail === 'key added') return { bodyChange: 'key_added' };
  const array = /^array of (\d+) became (\d+) items$/.exec(detail);
  if (array) return { bodyChange: 'array_length', beforeLength: Number(array[1]), afterLength: Number(array[2]) };
  // "<before> became <after>": split where the left side is a whole value (JSON, or shortened with "…").
  const isValue = (text: string) => {
    if (text.endsWith('…') || text === 'undefined') return true;
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  const sep = ' became ';
  for (let i = detail.indexOf(sep); i >= 0; i = detail.indexOf(sep, i + 1))
    if (isValue(detail.slice(0, i)))
      return { bodyChange: 'value', before: detail.slice(0, i), after: detail.slice(i + sep.length) };
  return {};
}

function describeSkew(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 120) return `${abs} s`;
  if (abs < 7200) return `${Math.round(abs / 60)} min (${abs} s)`;
  if (abs < 172800) return `${(abs / 3600).toFixed(1)} h (${abs} s)`;
  return `${(abs / 86400).toFixed(1)} days (${abs} s)`;
}

/**
 * Verify anything: a body, a header and a secret → a verdict and the exact reason,
 * recognising the usual mistakes (see DIAGNOSIS_REASONS). Pure: clock and lookups are inputs.
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_S;
  const value = headerValue(input.header);
  if (value === '')
    return result('missing_header', `the ${SIGNATURE_HEADER} header is empty`, { facts: { header: SIGNATURE_HEADER } });

  const parsed = parseHeader(value);
  if ('ok' in parsed) {
    const notes: string[] = [];
    const looksLikeSvix = /^v1,[A-Za-z0-9+/=]+/.test(value) || /^v1,/.test(value);
    if (looksLikeSvix)
      notes.push(
        'this looks like a Standard Webhooks / Svix signature ("v1,<base64>"); Sonzai sends "t=<unix seconds>,v1=<hex>"',
      );
    const v1NotHex = /^t=\d+,v1=[A-Za-z0-9+/]+=*$/.test(value) && !/^t=\d+,v1=[0-9a-f]{64}$/.test(value);
    if (v1NotHex) notes.push('the v1 value should be 64 lowercase hex characters');
    notes.push(`expected format: ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<64 hex chars>`);
    return result(parsed.reason === 'no_v1' ? 'no_v1' : 'malformed_header', `header malformed: ${parsed.message}`, {
      notes,
      facts: { header: SIGNATURE_HEADER, ...headerProblem(value), looksLikeSvix, v1NotHex },
    });
  }

  const t = parsed.timestamp;
  const received = parsed.v1.map((s) => s.toLowerCase());
  const expected = computeSignature(input.secret, t, body);
  const skew = input.nowSeconds - t;
  const facts: DiagnosisFacts = { skewSeconds: skew, toleranceSeconds: tolerance };
  const base = { timestamp: t, expectedHmac: expected, receivedHmacs: parsed.v1, facts };
  const skewNote =
    Math.abs(skew) > tolerance
      ? `also: the timestamp is ${describeSkew(skew)} ${skew > 0 ? 'old' : 'in the future'} (tolerance ${tolerance} s)`
      : null;
  const matches = (hex: string) => received.includes(hex);
  const withSkew = (notes: string[]) => (skewNote ? [...notes, skewNote] : notes);

  if (matches(expected)) {
    if (parsed.v1.every((s) => s !== expected))
      return result('malformed_header', 'the signature is right but written in uppercase hex; Sonzai sends lowercase', {
        ...base,
        facts: { ...facts, header: SIGNATURE_HEADER, headerProblem: 'uppercase_hex' },
      });
    if (skew > tolerance)
      return result(
        'timestamp_too_old',
        `timestamp outside tolerance: signed ${describeSkew(skew)} ago, ${describeSkew(skew - tolerance)} beyond the ${tolerance} s tolerance`,
        {
          ...base,
          notes: ['the HMAC itself is correct: check the verifier clock, or this is a replay of an old request'],
        },
      );
    if (-skew > tolerance)
      return result(
        'timestamp_too_new',
        `timestamp outside tolerance: ${describeSkew(-skew)} in the future, ${describeSkew(-skew - tolerance)} beyond the ${tolerance} s tolerance`,
        { ...base, notes: ['the HMAC itself is correct: the sender or the verifier clock is off'] },
      );
    return result('valid', 'the signature matches this body and secret', base);
  }

  // Key mistakes: the verifier (or a hand-made signer) used the key the wrong way.
  const key = input.secret.startsWith(SECRET_PREFIX) ? input.secret.slice(SECRET_PREFIX.length) : input.secret;
  const prefixed = input.secret.startsWith(SECRET_PREFIX) ? input.secret : `${SECRET_PREFIX}${input.secret}`;
  if (matches(hmacHex(Buffer.from(prefixed, 'utf8'), t, body)))
    return result(
      'prefix_not_stripped',
      `the whsec_ prefix was not stripped: the key must be the secret without "${SECRET_PREFIX}", as UTF-8 bytes`,
      { ...base, notes: withSkew([]) },
    );
  if (/^[A-Za-z0-9+/_-]+=*$/.test(key)) {
    const decoded = Buffer.from(key, key.includes('-') || key.includes('_') ? 'base64url' : 'base64');
    if (decoded.length > 0 && matches(hmacHex(decoded, t, body)))
      return result(
        'key_base64_decoded',
        'the key was base64-decoded (the Svix / Standard Webhooks habit): Sonzai uses the secret after "whsec_" as literal UTF-8 bytes',
        { ...base, notes: withSkew([]) },
      );
  }

  // Body mistakes: find the bytes that were signed, then say how they differ from these.
  const givenText = body.toString('utf8');
  const candidates = [
    ...(input.originals ?? []).map((b) => ({ bytes: b, from: 'the bytes the studio sent with this header' })),
    ...reserialisedVariants(givenText).map((v) => ({ bytes: Buffer.from(v, 'utf8'), from: 'a re-serialisation' })),
  ];
  for (const c of candidates) {
    if (c.bytes.equals(body) || !matches(computeSignature(input.secret, t, c.bytes))) continue;
    const cmp = compareJsonTexts(c.bytes.toString('utf8'), givenText);
    const sizes = `signed ${c.bytes.length} bytes, verifying ${body.length} bytes`;
    const sized = { ...facts, signedBytes: c.bytes.length, verifyingBytes: body.length };
    if (cmp.kind === 'reserialised')
      return result(
        'reserialised',
        `body re-serialised: the JSON is equal but the bytes differ (${cmp.how.join(', ')}); verify the raw request bytes, before any JSON parsing`,
        { ...base, notes: withSkew([sizes]), facts: { ...sized, reserialisedHow: cmp.how } },
      );
    const offset = firstByteDifference(c.bytes, body);
    const where = cmp.kind === 'changed' ? `at ${cmp.path}: ${cmp.detail}` : `first different byte at offset ${offset}`;
    return result('body_changed', `body changed since it was signed, ${where}`, {
      ...base,
      notes: withSkew([sizes]),
      facts:
        cmp.kind === 'changed'
          ? { ...sized, path: cmp.path, ...changeFacts(cmp.detail) }
          : { ...sized, bodyChange: 'bytes', offset },
    });
  }

  // Secret mistakes: the same bytes verify under another known secret.
  const bodies = [body, ...(input.originals ?? [])];
  for (const k of input.knownSecrets ?? []) {
    if (k.secret === input.secret) continue;
    if (!bodies.some((b) => matches(computeSignature(k.secret, t, b)))) continue;
    const signer: DiagnosisFacts = {
      ...facts,
      secret: maskSecret(k.secret),
      ...(k.rotatedAt ? { secretRotatedAt: k.rotatedAt } : {}),
      ...(k.eventType ? { eventType: k.eventType } : {}),
    };
    if (k.sameWebhook && k.rotatedAt)
      return result(
        'rotated_secret',
        `signed with a secret rotated since (${k.label}, rotated ${k.rotatedAt}); use the webhook's current secret`,
        { ...base, notes: withSkew([]), facts: signer },
      );
    return result('wrong_secret', `wrong secret: this was signed with ${k.label}`, {
      ...base,
      notes: withSkew([]),
      facts: signer,
    });
  }
  if ((input.originals ?? []).some((o) => o.equals(body)))
    return result(
      'wrong_secret',
      'wrong secret: these are exactly the bytes the studio sent with this header, so the secret differs',
      { ...base, notes: withSkew([]), facts: { ...facts, sameBytes: true } },
    );

  return result('mismatch', 'no v1 signature matches: either the secret is wrong or the body changed since signing', {
    ...base,
    notes: withSkew([
      'compare the secret with the webhook\u2019s current signing secret, and verify the raw request bytes (not re-serialised JSON)',
    ]),
  });
}
