import type { SignatureInspection } from '../../shared/contract/inspector';
import { computeSignature, parseHeader, signedPayload } from '../signing/signature';
import type { Db } from '../store/open';
import { bodyBuffer, getRow } from './detail';
import { parseStringList } from './rows';
import { currentSecret, maskSecret, secretById } from './secrets';

/**
 * For one stored attempt: what was signed, by which secret, the HMAC recomputed from the
 * stored bytes, and whether the webhook's CURRENT secret still verifies it (and why not).
 * The timestamp tolerance is not applied: the attempt is judged as of when it was sent.
 */
export function inspectSignature(db: Db, attemptId: string): SignatureInspection {
  const row = getRow(db, attemptId);
  const body = bodyBuffer(row.request_body);
  const parsed = row.signature_header ? parseHeader(row.signature_header) : null;
  const header = parsed && !('ok' in parsed) ? parsed : null;
  const timestamp = header?.timestamp ?? row.signed_at ?? null;
  const v1 = header?.v1 ?? [];

  const signers = parseStringList(row.secret_ids_json).map((secretId) => {
    const s = secretById(db, secretId);
    const hmac = s && timestamp !== null ? computeSignature(s.secret, timestamp, body) : null;
    return {
      secretId,
      secretMasked: s ? maskSecret(s.secret) : null,
      state: (!s ? 'unknown' : s.rotated_at ? 'rotated' : 'current') as 'current' | 'rotated' | 'unknown',
      rotatedAt: s?.rotated_at ?? null,
      computedHmac: hmac,
      inHeader: hmac !== null && v1.includes(hmac),
    };
  });

  const current = row.webhook_id ? currentSecret(db, row.webhook_id) : undefined;
  const currentHmac = current && timestamp !== null ? computeSignature(current.secret, timestamp, body) : null;
  const ok = currentHmac !== null && v1.includes(currentHmac);
  let reason: string;
  if (!row.signature_header) reason = 'this attempt was sent without a Sonzai-Signature header';
  else if (!header) reason = `the stored header is malformed: ${(parsed as { message: string }).message}`;
  else if (!row.webhook_id) reason = 'this attempt is not linked to a webhook, so there is no current secret';
  else if (!current) reason = 'the webhook no longer exists (or has no secret): nothing current to check against';
  else if (ok) reason = `valid: signed with the current secret ${maskSecret(current.secret)}`;
  else {
    const rotated = signers.find((s) => s.state === 'rotated' && s.inHeader);
    reason = rotated
      ? `signed with a secret rotated since (${rotated.secretMasked}, rotated ${rotated.rotatedAt}); the current secret ${maskSecret(current.secret)} does not verify it`
      : signers.some((s) => s.inHeader)
        ? 'signed with a secret that is not the current one'
        : 'no v1 signature matches the stored body under the current secret';
  }

  return {
    attemptId: row.attempt_id,
    header: row.signature_header,
    timestamp,
    signedAt: timestamp !== null ? new Date(timestamp * 1000).toISOString() : null,
    signedString: timestamp !== null ? signedPayload(timestamp, body).toString('utf8') : body.toString('utf8'),
    signers,
    current: { ok, secretId: current?.secret_id ?? null, computedHmac: currentHmac, reason },
  };
}
