import { describe, expect, it } from 'vitest';
import { createRequestLog, type CapturedRequest } from '../../../src/core/api/request-log';
import { RecordEncoder } from '../../../src/core/api/request-log-frame';
import { createEventBus } from '../../../src/core/live/bus';

const entry: CapturedRequest = {
  method: 'GET',
  url: '/api/v1/webhooks',
  operationId: 'listWebhooksForTenant',
  status: 200,
  durationMs: 1,
  projectId: null,
  keyId: null,
  rawHeaders: [],
  requestBody: null,
  responseBody: null,
  lint: [],
  idempotentReplay: false,
  at: 0,
};

function logWith(writer: string, problems: string[], ringBytes?: number) {
  return createRequestLog({
    ringBytes,
    path: '/nonexistent/api-log.db',
    bus: createEventBus(),
    writerUrl: new URL(`./writers/${writer}`, import.meta.url),
    onProblem: (m) => problems.push(m),
  });
}

describe('request log writer faults', () => {
  it('a writer that dies: capturing goes on harmlessly, reads say the log is unavailable, told once', async () => {
    const problems: string[] = [];
    const log = logWith('dying-writer.mjs', problems);
    await log.ready;
    log.capture(entry);
    log.flush();
    await expect.poll(() => problems.length).toBe(1);
    expect(problems[0]).toMatch(/^the API request log stopped: /);
    log.capture(entry); // no throw, nothing queued
    await expect(log.list({ limit: 10 })).rejects.toMatchObject({ code: 'unavailable' });
    await log.close();
    expect(problems).toHaveLength(1);
  });

  it('a writer that falls behind: once its shared ring is full, the rest go unlogged and are counted', async () => {
    const problems: string[] = [];
    // Room for exactly 100 records of one batch (after the first, each refers back to its headers).
    const encoder = new RecordEncoder();
    const sizes = Array.from({ length: 101 }, (_, i) => Buffer.byteLength(encoder.encode(entry, i)));
    const room = sizes.slice(0, 100).reduce((a, b) => a + b) + Math.floor(sizes[100] / 2);
    const log = logWith('lagging-writer.mjs', problems, room);
    await log.ready;
    for (let i = 0; i < 107; i++) log.capture(entry);
    expect(problems).toEqual([]);
    // The read makes the writer catch up; the count is reported once it has.
    await log.list({ limit: 1 });
    expect(problems).toEqual(['7 API requests were not logged: the log writer fell behind']);
    // With room again, capturing goes on.
    for (let i = 0; i < 50; i++) log.capture(entry);
    await log.list({ limit: 1 });
    expect(problems).toHaveLength(1);
    await log.close();
  });
});
