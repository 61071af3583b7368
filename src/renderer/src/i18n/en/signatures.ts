/**
 * The Signatures area: verify anything, the handler snippets, and each diagnosis said from its
 * reason and facts (the core's `message` and `notes` stay English, for the CLI and the API).
 */
export default {
  title: 'Signatures',
  verify: {
    label: 'Verify a signature',
    heading: 'Verify anything',
    intro:
      'Paste the raw body exactly as received, the <c>Sonzai-Signature</c> header and the secret. The studio tells you why a check fails: re-serialised JSON, a stale timestamp, a rotated secret, the <c>whsec_</c> prefix, a base64-decoded key…',
    rawBody: 'Raw body',
    bodyPlaceholder: '{"event_type":"agent.message",…}',
    header: 'Header',
    headerLabel: 'Signature header',
    headerPlaceholder: 'Sonzai-Signature: t=1700000000,v1=6b5f…',
    secret: 'Secret',
    secretLabel: 'Signing secret',
    secretPlaceholder: 'whsec_…',
    orWebhook: 'or a webhook (its current secret)',
    webhook: 'Webhook',
    noWebhook: '— none —',
    tolerance: 'Tolerance (s)',
    toleranceLabel: 'Tolerance in seconds',
    verify: 'Verify',
    checking: 'Checking…',
    needSecret: 'Paste a secret or pick a webhook.',
    markOk: '✓',
    markBad: '✗',
    verdict: 'Verdict',
    expected: 'expected',
    received: 'received',
    copyExpected: 'Copy the expected HMAC',
    v1: 'v1={{hex}}',
  },
  snippets: {
    label: 'Verification snippets',
    heading: 'Verify in your handler',
    intro:
      'HMAC-SHA256 over <formula/>, key = the secret without <c>whsec_</c> as UTF-8 bytes (not base64-decoded), hex, any <c>v1=</c> may match, 300 s tolerance.',
    formula: '"<t>." + raw body',
    loading: 'Loading snippets…',
    language: 'Language',
    copyCode: 'Copy code',
    copyFile: 'Copy {{file}}',
  },
  /** A diagnosis's headline, by its reason. */
  reason: {
    valid: 'Valid signature',
    missing_header: 'Header missing',
    malformed_header: 'Header malformed',
    no_v1: 'No v1 signature in the header',
    timestamp_too_old: 'Timestamp outside tolerance (too old)',
    timestamp_too_new: 'Timestamp outside tolerance (in the future)',
    reserialised: 'Body re-serialised',
    body_changed: 'Body changed',
    wrong_secret: 'Wrong secret',
    rotated_secret: 'Secret rotated since',
    prefix_not_stripped: 'whsec_ prefix not stripped',
    key_base64_decoded: 'Key base64-decoded',
    mismatch: 'Signature does not match',
  },
  /** A diagnosis's sentence, from its reason and facts (English as the core says it). */
  message: {
    valid: 'the signature matches this body and secret',
    missing_header: 'the {{header}} header is empty',
    header: {
      not_key_value: 'header malformed: "{{part}}" is not a key=value pair',
      bad_timestamp: 'header malformed: t={{part}} is not unix seconds',
      no_timestamp: 'header malformed: the header has no t= timestamp',
      no_v1: 'header malformed: the header has no v1= signature',
      uppercase_hex: 'the signature is right but written in uppercase hex; Sonzai sends lowercase',
    },
    timestamp_too_old:
      'timestamp outside tolerance: signed {{skew}} ago, {{beyond}} beyond the {{tolerance}} s tolerance',
    timestamp_too_new:
      'timestamp outside tolerance: {{skew}} in the future, {{beyond}} beyond the {{tolerance}} s tolerance',
    reserialised:
      'body re-serialised: the JSON is equal but the bytes differ ({{how}}); verify the raw request bytes, before any JSON parsing',
    changed: {
      value: 'body changed since it was signed, at {{path}}: {{before}} became {{after}}',
      array_length: 'body changed since it was signed, at {{path}}: array of {{before}} became {{after}} items',
      key_removed: 'body changed since it was signed, at {{path}}: key removed',
      key_added: 'body changed since it was signed, at {{path}}: key added',
      bytes: 'body changed since it was signed, first different byte at offset {{offset}}',
    },
    wrongSecret: {
      webhookCurrent: "wrong secret: this was signed with the {{eventType}} webhook's current secret {{secret}}",
      webhookOld: "wrong secret: this was signed with the {{eventType}} webhook's old secret {{secret}}",
      other: 'wrong secret: this was signed with another secret the studio knows, {{secret}}',
      sameBytes: 'wrong secret: these are exactly the bytes the studio sent with this header, so the secret differs',
    },
    rotatedSecret: {
      webhook:
        "signed with a secret rotated since (the {{eventType}} webhook's old secret {{secret}}, rotated {{time}}); use the webhook's current secret",
      other: "signed with a secret rotated since ({{secret}}, rotated {{time}}); use the webhook's current secret",
    },
    prefix_not_stripped:
      'the whsec_ prefix was not stripped: the key must be the secret without "whsec_", as UTF-8 bytes',
    key_base64_decoded:
      'the key was base64-decoded (the Svix / Standard Webhooks habit): Sonzai uses the secret after "whsec_" as literal UTF-8 bytes',
    mismatch: 'no v1 signature matches: either the secret is wrong or the body changed since signing',
  },
  /** A diagnosis's notes, from its facts. */
  note: {
    svix: 'this looks like a Standard Webhooks / Svix signature ("v1,<base64>"); Sonzai sends "t=<unix seconds>,v1=<hex>"',
    v1NotHex: 'the v1 value should be 64 lowercase hex characters',
    expectedFormat: 'expected format: {{header}}: t=<unix seconds>,v1=<64 hex chars>',
    hmacOkOld: 'the HMAC itself is correct: check the verifier clock, or this is a replay of an old request',
    hmacOkNew: 'the HMAC itself is correct: the sender or the verifier clock is off',
    sizes: 'signed {{signed}} bytes, verifying {{verifying}} bytes',
    skewOld: 'also: the timestamp is {{skew}} old (tolerance {{tolerance}} s)',
    skewNew: 'also: the timestamp is {{skew}} in the future (tolerance {{tolerance}} s)',
    mismatch:
      'compare the secret with the webhook’s current signing secret, and verify the raw request bytes (not re-serialised JSON)',
  },
  /** How long ago or ahead a timestamp is: seconds below two minutes, else a duration and the seconds. */
  skew: {
    seconds: '{{seconds}} s',
    duration: '{{duration}} ({{seconds}} s)',
  },
  /** How a body was re-serialised, listed with `listSeparator`. */
  how: {
    whitespace: 'whitespace',
    keyOrder: 'key order',
    unicodeEscaping: 'unicode escaping',
    stringEscaping: 'string escaping',
    numberFormatting: 'number formatting',
  },
  listSeparator: ', ',
} as const;
