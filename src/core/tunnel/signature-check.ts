import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/open';
import { computeSignature, DEFAULT_TOLERANCE_S, parseHeader, SIGNATURE_HEADER } from '../signing/signature';
import type { SignatureVerdict } from '../../shared/contract/tunnel';

/** A row of `webhook_secrets`: what the inbox checks a signature against. */
export interface KnownSecret {
  secret_id: string;
  webhook_id: string;
  event_type: string;
  secret: string;
  rotated_at: string | null;
}

/** Most secrets one check compares against (newest first). */
export const MAX_SECRETS_CHECKED = 1000;

export function loadKnownSecrets(db: Db): () => KnownSecret[] {
  const stmt = db.prepare<[number], KnownSecret>(
    `SELECT secret_id, webhook_id, event_type, secret, rotated_at FROM webhook_secrets
     ORDER BY created_at DESC LIMIT ?`,
  );
  return () => stmt.all(MAX_SECRETS_CHECKED);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const none = { secretId: null, webhookId: null, eventType: null };

/**
 * Checks a `Sonzai-Signature` header against every known secret and says which one
 * matched, or exactly why none did. Pure: the clock (unix seconds) is a parameter.
 */
export function checkSignature(
  body: Buffer,
  header: string | null,
  secrets: readonly KnownSecret[],
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_S,
): SignatureVerdict {
  const n = secrets.length;
  if (header === null || header.trim() === '') {
    return {
      ok: null,
      code: 'missing_header',
      message: `no ${SIGNATURE_HEADER} header`,
      ...none,
      timestamp: null,
      checkedSecrets: 0,
    };
  }
  const parsed = parseHeader(header);
  if ('ok' in parsed) {
    const code = parsed.reason === 'no_v1' ? 'no_v1' : 'malformed_header';
    return { ok: false, code, message: parsed.message, ...none, timestamp: null, checkedSecrets: 0 };
  }
  const t = parsed.timestamp;
  if (n === 0) {
    return {
      ok: null,
      code: 'no_secrets',
      message: 'no known secrets to check against (register a webhook first)',
      ...none,
      timestamp: t,
      checkedSecrets: 0,
    };
  }
  let match: KnownSecret | null = null;
  let rotatedMatch: KnownSecret | null = null;
  for (const s of secrets) {
    const expected = computeSignature(s.secret, t, body);
    // Compare with every v1 entry (no early exit inside one secret).
    let hit = false;
    for (const v of parsed.v1) hit = sameHex(v, expected) || hit;
    if (!hit) continue;
    if (s.rotated_at === null) {
      match = s;
      break;
    }
    rotatedMatch ??= s;
  }
  const who = (s: KnownSecret) => ({ secretId: s.secret_id, webhookId: s.webhook_id, eventType: s.event_type });
  if (!match && rotatedMatch) {
    return {
      ok: false,
      code: 'rotated_secret',
      message: `matches secret ${rotatedMatch.secret_id} (${rotatedMatch.event_type}), rotated at ${rotatedMatch.rotated_at}`,
      ...who(rotatedMatch),
      timestamp: t,
      checkedSecrets: n,
    };
  }
  if (!match) {
    return {
      ok: false,
      code: 'no_match',
      message: `no v1 matches any of ${n} known secret${n === 1 ? '' : 's'} (body changed or another secret)`,
      ...none,
      timestamp: t,
      checkedSecrets: n,
    };
  }
  const skew = nowSeconds - t;
  if (skew > toleranceSeconds || -skew > toleranceSeconds) {
    const old = skew > 0;
    return {
      ok: false,
      code: old ? 'timestamp_too_old' : 'timestamp_too_new',
      message: old
        ? `matches secret ${match.secret_id} but the timestamp is ${skew} s old (tolerance ${toleranceSeconds} s)`
        : `matches secret ${match.secret_id} but the timestamp is ${-skew} s in the future (tolerance ${toleranceSeconds} s)`,
      ...who(match),
      timestamp: t,
      checkedSecrets: n,
    };
  }
  return {
    ok: true,
    code: 'valid',
    message: `✓ signed with secret ${match.secret_id} (${match.event_type})`,
    ...who(match),
    timestamp: t,
    checkedSecrets: n,
  };
}
