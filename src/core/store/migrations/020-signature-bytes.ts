import type { Migration } from '../migrate';

/**
 * An attempt's one-secret `Sonzai-Signature` header, `t=<signed_at>,v1=<64 hex digits>`, is
 * stored as its 32 signature bytes (src/core/dispatch/signature-stored.ts; readers rebuild the
 * text with `signatureHeaderSql`): 80 bytes become 32 on most attempts (issue 17). Existing rows
 * are converted when their header is exactly that text: the `t=` value is `signed_at` as written
 * by SQLite and the digits are lower-case hex, so the rebuild gives back the same bytes. Every
 * other header stays as it is.
 */
export const m020SignatureBytes: Migration = {
  id: 20,
  name: 'one-secret signature headers stored as their 32 bytes',
  up: `
    UPDATE attempts
      SET signature_header = unhex(substr(signature_header, length('t=' || signed_at || ',v1=') + 1))
      WHERE typeof(signature_header) = 'text' AND typeof(signed_at) = 'integer'
        AND length(signature_header) = length('t=' || signed_at || ',v1=') + 64
        AND substr(signature_header, 1, length('t=' || signed_at || ',v1=')) = 't=' || signed_at || ',v1='
        AND substr(signature_header, length('t=' || signed_at || ',v1=') + 1) NOT GLOB '*[^0-9a-f]*';
  `,
};
