import { describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/core/index';
import type { StudioContext } from '../../../src/core/context';
import { inspectorFeature } from '../../../src/core/inspector/feature';
import { createEventBus } from '../../../src/core/live/bus';
import { createDispatcher, type Handlers } from '../../../src/core/rpc/dispatch';
import { sign } from '../../../src/core/signing/signature';
import { createStudioClient } from '../../../src/shared/rpc-client';
import { addTestProject, recordingDispatcher, seedAttempts, seededDb, seedWebhook } from '../../helpers/seed-attempts';
import { tempDir } from '../../helpers/tmp';

const T = 1_700_000_000;
const SECRET = { secretId: 'sec_1', secret: 'whsec_currentkey1' };

function harness() {
  const db = seededDb();
  seedWebhook(db, { webhookId: 'wh_1', eventType: 'agent.message', url: 'http://localhost:3000/h', secrets: [SECRET] });
  seedAttempts(db, [
    { attemptId: 'x1', webhookId: 'wh_1', status: 'failed', responseCode: 503, sign: { secrets: [SECRET], at: T } },
    { attemptId: 'x2', webhookId: 'wh_1', webhookUrl: 'http://127.0.0.1:4000/alt', sign: { secrets: [SECRET], at: T } },
  ]);
  const bus = createEventBus();
  const ctx = {
    db,
    bus,
    clock: { now: () => new Date(T * 1000 + 10_000) },
    random: { uuid: () => 'u', token: () => 't' },
  };
  const rec = recordingDispatcher(db);
  const feature = inspectorFeature(ctx as unknown as StudioContext, { dispatcher: rec.api });
  const dispatch = createDispatcher(feature.handlers as Handlers);
  const call = async (method: string, params: unknown) => {
    const res = await dispatch({ id: 1, method, params });
    if ('error' in res) throw Object.assign(new Error(res.error.message), { code: res.error.code });
    return res.result as never;
  };
  return { db, call, rec };
}

describe('inspector commands', () => {
  it('replays to the same URL, another URL, or with an edited body, through the dispatcher', async () => {
    const { call, rec } = harness();
    await call('attempts.replay', { attemptId: 'x1' });
    await call('attempts.replay', { attemptId: 'x1', to: 'http://localhost:5000/new' });
    await call('attempts.replay', { attemptId: 'x1', body: '{"edited":true}' });
    expect(rec.calls).toEqual([
      { attemptId: 'x1' },
      { attemptId: 'x1', to: 'http://localhost:5000/new' },
      { attemptId: 'x1', body: '{"edited":true}' },
    ]);
    await expect(call('attempts.replay', { attemptId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('attempts.replay', { attemptId: 'x1', to: 'ftp://x' })).rejects.toMatchObject({
      code: 'invalid_params',
    });
    expect(rec.calls).toHaveLength(3);
    // Replays are attempts too, listed with their origin.
    const page = (await call('attempts.list', { filter: { kind: 'replay' } })) as { attempts: { replayOf: string }[] };
    expect(page.attempts.map((a) => a.replayOf)).toEqual(['x1', 'x1', 'x1']);
  });

  it('validates filters at the edge: page size bound, short search text', async () => {
    const { call } = harness();
    await expect(call('attempts.list', { limit: 501 })).rejects.toMatchObject({ code: 'invalid_params' });
    await expect(call('attempts.list', { filter: { text: 'ab' } })).rejects.toMatchObject({ code: 'invalid_params' });
    await expect(call('attempts.list', { filter: { codeClass: '6xx' } })).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });

  it('diagnoses against a picked webhook and finds the bytes the studio sent', async () => {
    const { call, db } = harness();
    const row = db
      .prepare("SELECT signature_header AS h, request_body AS b FROM attempts WHERE attempt_id='x1'")
      .get() as {
      h: string;
      b: Buffer;
    };
    const ok = (await call('signature.diagnose', {
      body: row.b.toString(),
      header: row.h,
      webhookId: 'wh_1',
      toleranceSeconds: 60,
    })) as { reason: string };
    expect(ok.reason).toBe('valid');
    const edited = JSON.stringify({ ...JSON.parse(row.b.toString()), extra: 1 });
    const changed = (await call('signature.diagnose', {
      body: edited,
      header: `Sonzai-Signature: ${row.h}`,
      webhookId: 'wh_1',
    })) as {
      reason: string;
      message: string;
    };
    expect(changed.reason).toBe('body_changed');
    expect(changed.message).toContain('$.extra');
    await expect(call('signature.diagnose', { body: '{}', header: 'x' })).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });

  it('exports a filter as HAR, suggests localhost targets first, and draws stats', async () => {
    const { call } = harness();
    const har = (await call('attempts.export', { format: 'har', filter: { status: 'failed' } })) as {
      content: string;
      count: number;
      filename: string;
    };
    expect(har.count).toBe(1);
    expect(har.filename).toMatch(/\.har$/);
    expect(JSON.parse(har.content).log.entries[0]._attemptId).toBe('x1');
    const curl = (await call('attempts.export', { format: 'curl', ids: ['x2'] })) as { content: string };
    expect(curl.content).toContain("curl -sS -X POST 'http://127.0.0.1:4000/alt'");
    const { targets } = (await call('attempts.recentTargets', {})) as { targets: { url: string; local: boolean }[] };
    expect(targets.every((t) => t.local)).toBe(true);
    expect(targets.map((t) => t.url).sort()).toEqual(['http://127.0.0.1:4000/alt', 'http://localhost:3000/webhooks']);
    const hooks = (await call('signature.webhooks', {})) as { webhooks: unknown[] };
    expect(hooks.webhooks).toEqual([
      { webhookId: 'wh_1', projectId: 'proj_test', eventType: 'agent.message', webhookUrl: 'http://localhost:3000/h' },
    ]);
    const snippets = (await call('signature.snippets', {})) as { snippets: { language: string }[] };
    expect(snippets.snippets.map((s) => s.language)).toEqual(['node', 'python', 'go']);
  });
});

describe('inspector in the studio', () => {
  it('finds an attempt by its body the moment it is stored, before the background indexer has run', async () => {
    const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    try {
      addTestProject(studio.context.db);
      studio.context.db
        .prepare(
          `INSERT INTO attempts (attempt_id, delivery_id, project_id, event_type, webhook_url, attempt_number, status,
             request_body, response_body, created_at) VALUES ('fresh', 'dlv_fresh', 'proj_test', 'agent.message',
             'http://localhost:3000/h', 1, 'failed', ?, 'handler says: marzipan', ?)`,
        )
        .run(Buffer.from('{"text":"a kyoto sunrise"}'), new Date().toISOString());
      const client = createStudioClient(studio.connectInMemory());
      const byRequest = await client.call('attempts.list', { filter: { text: 'kyoto sun' } });
      expect(byRequest.attempts.map((a) => a.attemptId)).toEqual(['fresh']);
      const byResponse = await client.call('attempts.list', { filter: { text: 'marzipan' } });
      expect(byResponse.attempts.map((a) => a.attemptId)).toEqual(['fresh']);
    } finally {
      await studio.close();
    }
  });

  it('is registered: a client lists attempts stored in the studio database', async () => {
    const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    try {
      addTestProject(studio.context.db);
      seedAttempts(studio.context.db, [
        { attemptId: 's1', body: '{"a":1}', sign: { secrets: [SECRET], at: T }, createdAt: new Date().toISOString() },
      ]);
      const client = createStudioClient(studio.connectInMemory());
      const page = await client.call('attempts.list', { filter: { text: '"a":1' } });
      expect(page.attempts.map((a) => a.attemptId)).toEqual(['s1']);
      const stats = await client.call('attempts.stats', { window: '1h' });
      expect(stats.overTime.reduce((n, b) => n + b.success, 0)).toBe(1);
      expect(sign('{"a":1}', SECRET.secret, T)).toBe(
        (await client.call('attempts.get', { attemptId: 's1' })).signature.header,
      );
    } finally {
      await studio.close();
    }
  });
});
