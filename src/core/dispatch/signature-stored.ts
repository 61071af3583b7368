/**
 * How an attempt's `Sonzai-Signature` header is stored (issue 17, migration 020). The header the
 * studio signs with one secret is `t=<signed_at>,v1=<64 hex digits>`: 80 bytes of text, of which
 * `signed_at` is stored beside it and the digits are 32 bytes. Such a header is stored as those
 * 32 bytes (a BLOB), and `signatureHeaderSql` gives the text back, byte for byte. Any other header
 * (two secrets during a rotation's overlap, one the failure injection broke, another timestamp)
 * is stored as it is.
 */
const CANONICAL = /^t=(\d+),v1=([0-9a-f]{64})$/;

export function storedSignature(header: string | null, signedAt: number | null): string | Buffer | null {
  if (header === null || signedAt === null) return header;
  const m = CANONICAL.exec(header);
  return m && m[1] === String(signedAt) ? Buffer.from(m[2]!, 'hex') : header;
}

/** The header as sent, from the row under `alias` (its text, or rebuilt from the BLOB). */
export const signatureHeaderSql = (alias: string): string =>
  `CASE WHEN typeof(${alias}.signature_header) = 'blob'
     THEN 't=' || ${alias}.signed_at || ',v1=' || lower(hex(${alias}.signature_header))
     ELSE ${alias}.signature_header END`;
