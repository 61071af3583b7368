import type { Diagnosis } from '../../../src/shared/contract/inspector';

/**
 * The core's diagnoses for these inputs (test/core/inspector/diagnose-facts.test.ts checks that
 * diagnose() still answers exactly this), so the renderer can show that it says each one in
 * English exactly as the core does, from the reason and the facts alone.
 */
export interface DiagnosisCase {
  name: string;
  input: {
    body: string;
    header: string;
    secret: string;
    nowSeconds: number;
    toleranceSeconds?: number;
    /** Bodies the studio sent with this header (as UTF-8 text). */
    originals?: string[];
    knownSecrets?: { label: string; secret: string; rotatedAt?: string; sameWebhook?: boolean; eventType?: string }[];
  };
  expected: Diagnosis;
}

export const DIAGNOSIS_CASES: DiagnosisCase[] = [
  {
    name: 'valid',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: true,
      reason: 'valid',
      message: 'the signature matches this body and secret',
      notes: [],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
      },
    },
  },
  {
    name: 'missing header',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: ' ',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'missing_header',
      message: 'the Sonzai-Signature header is empty',
      notes: [],
      timestamp: null,
      expectedHmac: null,
      receivedHmacs: [],
      facts: {
        header: 'Sonzai-Signature',
      },
    },
  },
  {
    name: 'a Svix header',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'malformed_header',
      message: 'header malformed: "v1" is not a key=value pair',
      notes: [
        'this looks like a Standard Webhooks / Svix signature ("v1,<base64>"); Sonzai sends "t=<unix seconds>,v1=<hex>"',
        'expected format: Sonzai-Signature: t=<unix seconds>,v1=<64 hex chars>',
      ],
      timestamp: null,
      expectedHmac: null,
      receivedHmacs: [],
      facts: {
        header: 'Sonzai-Signature',
        headerProblem: 'not_key_value',
        headerPart: 'v1',
        looksLikeSvix: true,
        v1NotHex: false,
      },
    },
  },
  {
    name: 't= not unix seconds',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=abc,v1=0000000000000000000000000000000000000000000000000000000000000000',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'malformed_header',
      message: 'header malformed: t=abc is not unix seconds',
      notes: ['expected format: Sonzai-Signature: t=<unix seconds>,v1=<64 hex chars>'],
      timestamp: null,
      expectedHmac: null,
      receivedHmacs: [],
      facts: {
        header: 'Sonzai-Signature',
        headerProblem: 'bad_timestamp',
        headerPart: 'abc',
        looksLikeSvix: false,
        v1NotHex: false,
      },
    },
  },
  {
    name: 'no t=',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 'v1=0000000000000000000000000000000000000000000000000000000000000000',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'malformed_header',
      message: 'header malformed: the header has no t= timestamp',
      notes: ['expected format: Sonzai-Signature: t=<unix seconds>,v1=<64 hex chars>'],
      timestamp: null,
      expectedHmac: null,
      receivedHmacs: [],
      facts: {
        header: 'Sonzai-Signature',
        headerProblem: 'no_timestamp',
        looksLikeSvix: false,
        v1NotHex: false,
      },
    },
  },
  {
    name: 'no v1=',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'no_v1',
      message: 'header malformed: the header has no v1= signature',
      notes: ['expected format: Sonzai-Signature: t=<unix seconds>,v1=<64 hex chars>'],
      timestamp: null,
      expectedHmac: null,
      receivedHmacs: [],
      facts: {
        header: 'Sonzai-Signature',
        headerProblem: 'no_v1',
        looksLikeSvix: false,
        v1NotHex: false,
      },
    },
  },
  {
    name: 'uppercase hex',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778F65510DEBB2669309BA53D2CBF356FBBAAD127768C6613D62B24FD4E71C4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'malformed_header',
      message: 'the signature is right but written in uppercase hex; Sonzai sends lowercase',
      notes: [],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['7778F65510DEBB2669309BA53D2CBF356FBBAAD127768C6613D62B24FD4E71C4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        header: 'Sonzai-Signature',
        headerProblem: 'uppercase_hex',
      },
    },
  },
  {
    name: 'too old, in minutes',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000900,
    },
    expected: {
      ok: false,
      reason: 'timestamp_too_old',
      message: 'timestamp outside tolerance: signed 15 min (900 s) ago, 10 min (600 s) beyond the 300 s tolerance',
      notes: ['the HMAC itself is correct: check the verifier clock, or this is a replay of an old request'],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 900,
        toleranceSeconds: 300,
      },
    },
  },
  {
    name: 'too old, in seconds',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000030,
      toleranceSeconds: 10,
    },
    expected: {
      ok: false,
      reason: 'timestamp_too_old',
      message: 'timestamp outside tolerance: signed 30 s ago, 20 s beyond the 10 s tolerance',
      notes: ['the HMAC itself is correct: check the verifier clock, or this is a replay of an old request'],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 30,
        toleranceSeconds: 10,
      },
    },
  },
  {
    name: 'in the future',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1699999580,
    },
    expected: {
      ok: false,
      reason: 'timestamp_too_new',
      message: 'timestamp outside tolerance: 7 min (420 s) in the future, 2 min (120 s) beyond the 300 s tolerance',
      notes: ['the HMAC itself is correct: the sender or the verifier clock is off'],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: -420,
        toleranceSeconds: 300,
      },
    },
  },
  {
    name: 're-serialised',
    input: {
      body: '{\n  "event_type": "agent.message",\n  "data": {\n    "text": "hi",\n    "n": 1,\n    "tags": [\n      "a"\n    ]\n  }\n}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'reserialised',
      message:
        'body re-serialised: the JSON is equal but the bytes differ (whitespace); verify the raw request bytes, before any JSON parsing',
      notes: ['signed 70 bytes, verifying 112 bytes'],
      timestamp: 1700000000,
      expectedHmac: '6f347f5d1bebdb9a131ed7c1e1c926d1d2be71354d44083fcb7bd47bdd32b5ba',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 70,
        verifyingBytes: 112,
        reserialisedHow: ['whitespace'],
      },
    },
  },
  {
    name: 'a value changed',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":2,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
      originals: ['{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}'],
    },
    expected: {
      ok: false,
      reason: 'body_changed',
      message: 'body changed since it was signed, at $.data.n: 1 became 2',
      notes: ['signed 70 bytes, verifying 70 bytes'],
      timestamp: 1700000000,
      expectedHmac: '4780148794ac319e221a1a061fe338ad0980e3e5dae6cb11c52e4c09118c91f0',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 70,
        verifyingBytes: 70,
        path: '$.data.n',
        bodyChange: 'value',
        before: '1',
        after: '2',
      },
    },
  },
  {
    name: 'an array grew',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a","b"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
      originals: ['{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}'],
    },
    expected: {
      ok: false,
      reason: 'body_changed',
      message: 'body changed since it was signed, at $.data.tags: array of 1 became 2 items',
      notes: ['signed 70 bytes, verifying 74 bytes'],
      timestamp: 1700000000,
      expectedHmac: '5b80bb6f88217418032aac48dd8c68a17acb6db52bb1e6b8957de5ff9f83c695',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 70,
        verifyingBytes: 74,
        path: '$.data.tags',
        bodyChange: 'array_length',
        beforeLength: 1,
        afterLength: 2,
      },
    },
  },
  {
    name: 'a key removed',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
      originals: ['{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}'],
    },
    expected: {
      ok: false,
      reason: 'body_changed',
      message: 'body changed since it was signed, at $.data.n: key removed',
      notes: ['signed 70 bytes, verifying 64 bytes'],
      timestamp: 1700000000,
      expectedHmac: 'ea79f8a148ad9284548ec09403e676779f5f5a26df0d334fc841504a0b4bb5d9',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 70,
        verifyingBytes: 64,
        path: '$.data.n',
        bodyChange: 'key_removed',
      },
    },
  },
  {
    name: 'a key added',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"],"x":1}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
      originals: ['{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}'],
    },
    expected: {
      ok: false,
      reason: 'body_changed',
      message: 'body changed since it was signed, at $.data.x: key added',
      notes: ['signed 70 bytes, verifying 76 bytes'],
      timestamp: 1700000000,
      expectedHmac: '620c411cd0d9e7db65ec887ff13f9f0fce9e3cefa8d6bfa35328e04619372b69',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 70,
        verifyingBytes: 76,
        path: '$.data.x',
        bodyChange: 'key_added',
      },
    },
  },
  {
    name: 'a text body changed',
    input: {
      body: 'plain text bodY',
      header: 't=1700000000,v1=e2b07429c17c24fdc7bf979148266d6b91ba09ff6505922f6267d5ea459b60b5',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
      originals: ['plain text body'],
    },
    expected: {
      ok: false,
      reason: 'body_changed',
      message: 'body changed since it was signed, first different byte at offset 14',
      notes: ['signed 15 bytes, verifying 15 bytes'],
      timestamp: 1700000000,
      expectedHmac: '24b825c45028d41db1323ed6a3ac9d6c0c15aa023e3c32e5c01ffe75f03f3ad6',
      receivedHmacs: ['e2b07429c17c24fdc7bf979148266d6b91ba09ff6505922f6267d5ea459b60b5'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 15,
        verifyingBytes: 15,
        bodyChange: 'bytes',
        offset: 14,
      },
    },
  },
  {
    name: 'the bytes the studio sent',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_other',
      nowSeconds: 1700000005,
      originals: ['{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}'],
    },
    expected: {
      ok: false,
      reason: 'wrong_secret',
      message: 'wrong secret: these are exactly the bytes the studio sent with this header, so the secret differs',
      notes: [],
      timestamp: 1700000000,
      expectedHmac: '76c69275f60b22e79844bf2734add26dc16bb45e0f0c2bd11757c7d5eee25942',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        sameBytes: true,
      },
    },
  },
  {
    name: 'another webhook’s secret, and a stale timestamp',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_other',
      nowSeconds: 1700000600,
      knownSecrets: [
        {
          label: "the agent.message webhook's current secret whsec_fixe…y123",
          secret: 'whsec_fixedkey123',
          eventType: 'agent.message',
        },
      ],
    },
    expected: {
      ok: false,
      reason: 'wrong_secret',
      message: "wrong secret: this was signed with the agent.message webhook's current secret whsec_fixe…y123",
      notes: ['also: the timestamp is 10 min (600 s) old (tolerance 300 s)'],
      timestamp: 1700000000,
      expectedHmac: '76c69275f60b22e79844bf2734add26dc16bb45e0f0c2bd11757c7d5eee25942',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 600,
        toleranceSeconds: 300,
        secret: 'whsec_fixe…y123',
        eventType: 'agent.message',
      },
    },
  },
  {
    name: 're-serialised, unicode escaped',
    input: {
      body: '{\n  "event_type": "agent.message",\n  "data": {\n    "text": "hi",\n    "n": 1,\n    "tags": [\n      "\\u0061"\n    ]\n  }\n}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'reserialised',
      message:
        'body re-serialised: the JSON is equal but the bytes differ (whitespace, unicode escaping); verify the raw request bytes, before any JSON parsing',
      notes: ['signed 70 bytes, verifying 117 bytes'],
      timestamp: 1700000000,
      expectedHmac: '1430e01b9cb20a65738ba6eede49758ce2ab4649fe559ab3f2a8984adcca929d',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        signedBytes: 70,
        verifyingBytes: 117,
        reserialisedHow: ['whitespace', 'unicode escaping'],
      },
    },
  },
  {
    name: 'an old secret of another webhook',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_other',
      nowSeconds: 1700000005,
      knownSecrets: [
        {
          label: "the agent.wakeup webhook's old secret whsec_fixe…y123",
          secret: 'whsec_fixedkey123',
          rotatedAt: '2026-01-02T00:00:00Z',
          eventType: 'agent.wakeup',
        },
      ],
    },
    expected: {
      ok: false,
      reason: 'wrong_secret',
      message: "wrong secret: this was signed with the agent.wakeup webhook's old secret whsec_fixe…y123",
      notes: [],
      timestamp: 1700000000,
      expectedHmac: '76c69275f60b22e79844bf2734add26dc16bb45e0f0c2bd11757c7d5eee25942',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        secret: 'whsec_fixe…y123',
        secretRotatedAt: '2026-01-02T00:00:00Z',
        eventType: 'agent.wakeup',
      },
    },
  },
  {
    name: 'rotated since',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      secret: 'whsec_newkey456',
      nowSeconds: 1700000005,
      knownSecrets: [
        {
          label: "the agent.message webhook's old secret whsec_fixe…y123",
          secret: 'whsec_fixedkey123',
          rotatedAt: '2026-01-02T00:00:00Z',
          sameWebhook: true,
          eventType: 'agent.message',
        },
      ],
    },
    expected: {
      ok: false,
      reason: 'rotated_secret',
      message:
        "signed with a secret rotated since (the agent.message webhook's old secret whsec_fixe…y123, rotated 2026-01-02T00:00:00Z); use the webhook's current secret",
      notes: [],
      timestamp: 1700000000,
      expectedHmac: '1e2449e9b63aafa040616067aa5f25ac333d3ec1b338df786d1e901eb2361905',
      receivedHmacs: ['7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
        secret: 'whsec_fixe…y123',
        secretRotatedAt: '2026-01-02T00:00:00Z',
        eventType: 'agent.message',
      },
    },
  },
  {
    name: 'prefix not stripped',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=3b54e9d79364de31e5461701c163d47098f8b6afa13cac08582636027fda033e',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'prefix_not_stripped',
      message: 'the whsec_ prefix was not stripped: the key must be the secret without "whsec_", as UTF-8 bytes',
      notes: [],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['3b54e9d79364de31e5461701c163d47098f8b6afa13cac08582636027fda033e'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
      },
    },
  },
  {
    name: 'key base64-decoded',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=87bbabb3c6c62d5cdfa1d0e0b7d99d91d62ed1b51a964bacb90868c929c212cd',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000420,
    },
    expected: {
      ok: false,
      reason: 'key_base64_decoded',
      message:
        'the key was base64-decoded (the Svix / Standard Webhooks habit): Sonzai uses the secret after "whsec_" as literal UTF-8 bytes',
      notes: ['also: the timestamp is 7 min (420 s) old (tolerance 300 s)'],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['87bbabb3c6c62d5cdfa1d0e0b7d99d91d62ed1b51a964bacb90868c929c212cd'],
      facts: {
        skewSeconds: 420,
        toleranceSeconds: 300,
      },
    },
  },
  {
    name: 'mismatch',
    input: {
      body: '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}',
      header: 't=1700000000,v1=abababababababababababababababababababababababababababababababab',
      secret: 'whsec_fixedkey123',
      nowSeconds: 1700000005,
    },
    expected: {
      ok: false,
      reason: 'mismatch',
      message: 'no v1 signature matches: either the secret is wrong or the body changed since signing',
      notes: [
        'compare the secret with the webhook’s current signing secret, and verify the raw request bytes (not re-serialised JSON)',
      ],
      timestamp: 1700000000,
      expectedHmac: '7778f65510debb2669309ba53d2cbf356fbbaad127768c6613d62b24fd4e71c4',
      receivedHmacs: ['abababababababababababababababababababababababababababababababab'],
      facts: {
        skewSeconds: 5,
        toleranceSeconds: 300,
      },
    },
  },
];
