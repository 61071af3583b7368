import type { AttemptSummary } from '../../../src/shared/contract';
import type { AttemptDetail } from '../../../src/shared/contract/inspector';

export function summary(i: number, over: Partial<AttemptSummary> = {}): AttemptSummary {
  return {
    seq: 100_000 - i,
    attemptId: `att_${i}`,
    deliveryId: `dlv_${i}`,
    eventId: `evt_${i}`,
    projectId: 'proj',
    eventType: i % 2 ? 'agent.message' : 'agent.wakeup',
    webhookUrl: 'http://localhost:3000/webhooks',
    attemptNumber: 1,
    status: i % 3 === 0 ? 'failed' : 'success',
    responseCode: i % 3 === 0 ? 500 : 200,
    durationMs: 10 + (i % 50),
    errorMessage: null,
    kind: 'delivery',
    replayOf: null,
    injected: [],
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    ...over,
  };
}

export function detailOf(s: AttemptSummary): AttemptDetail {
  const body = '{"event_type":"agent.message","data":{"text":"hi"}}';
  return {
    summary: s,
    webhookId: 'wh_1',
    request: {
      method: 'POST',
      url: s.webhookUrl,
      headers: { 'Content-Type': 'application/json', 'Sonzai-Signature': `t=1700000000,v1=${'a'.repeat(64)}` },
      bodyText: body,
      bodyBase64: btoa(body),
      bodyBytes: body.length,
      bodyPretty: JSON.stringify(JSON.parse(body), null, 2),
      isUtf8: true,
    },
    response: {
      status: s.responseCode,
      headers: { 'content-type': 'text/plain' },
      body: 'boom',
      bodyPretty: null,
      truncated: false,
    },
    signature: { header: `t=1700000000,v1=${'a'.repeat(64)}`, signedAt: 1_700_000_000, secretIds: ['sec_1'] },
    timeline: [s],
  };
}
