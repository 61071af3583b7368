import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { createStudioClient, type StudioClient } from '../../src/shared/rpc-client';
import { rawHeader, startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

/** Our own check of the documented scheme, independent of src/core/signing. */
function signatureOk(header: string | undefined, body: Buffer, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  return (
    createHmac('sha256', secret.replace(/^whsec_/, ''))
      .update(`${m[1]}.`)
      .update(body)
      .digest('hex') === m[2]
  );
}

/** The features working together, as a user drives them: API → dispatcher → inbox / inspector. */
describe('features wired together', () => {
  let studio: Studio;
  let client: StudioClient;
  let api: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; json: Record<string, unknown> | null }>;

  beforeEach(async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    client = createStudioClient(studio.connectInMemory());
    // One try per delivery: these tests replay by hand.
    await client.call('delivery.settings.set', { patch: { maxAttempts: 1 } });
    const s = studio.status();
    api = async (method, path, body) => {
      const res = await fetch(`${s.apiBaseUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    };
  });
  afterEach(async () => studio.close());

  it("the studio's own inbox receives the dispatcher's delivery with a ✓ signature naming the secret", async () => {
    const inboxUrl = `${studio.status().apiBaseUrl}/inbox/dev`;
    const reg = await api('PUT', '/webhooks/agent.mood_change', { webhook_url: inboxUrl });
    expect(reg.status).toBe(200);
    const fired = await client.call('events.fire', { eventType: 'agent.mood_change' });
    expect(fired.deliveries).toHaveLength(1);
    await expect
      .poll(async () => (await client.call('captures.list', { inbox: 'dev' })).captures.length, { timeout: 10_000 })
      .toBe(1);
    const [capture] = (await client.call('captures.list', { inbox: 'dev' })).captures;
    expect(capture.signature).toMatchObject({ ok: true, code: 'valid', eventType: 'agent.mood_change' });
    expect(capture.signature.secretId).toEqual(expect.any(String));
    const detail = await client.call('captures.get', { captureId: capture.captureId });
    const event = JSON.parse(Buffer.from(detail.bodyBase64, 'base64').toString()) as { event_id: string };
    expect(event.event_id).toBe(fired.eventId);
  });

  it('fire at a failing handler, see why, fix it, replay: success, linked to the original', async () => {
    let healthy = false;
    let secret = '';
    const receiver: Receiver = await startReceiver((r, res) => {
      const ok = healthy && signatureOk(rawHeader(r.rawHeaders, 'sonzai-signature'), r.body, secret);
      res.statusCode = ok ? 200 : 500;
      res.end(ok ? 'thanks' : 'handler crashed: TypeError: cannot read properties of undefined');
    });
    try {
      const reg = await api('PUT', '/webhooks/agent.memory_added', { webhook_url: `${receiver.url}/hook` });
      secret = reg.json!.signing_secret as string;
      await client.call('events.fire', { eventType: 'agent.memory_added' });
      await expect
        .poll(async () => (await client.call('attempts.list', {})).attempts.length, { timeout: 10_000 })
        .toBe(1);
      const [failed] = (await client.call('attempts.list', {})).attempts;
      expect(failed).toMatchObject({ status: 'failed', responseCode: 500, kind: 'delivery' });
      const detail = await client.call('attempts.get', { attemptId: failed.attemptId });
      expect(detail.response.body).toContain('cannot read properties of undefined');

      healthy = true;
      const replay = await client.call('attempts.replay', { attemptId: failed.attemptId });
      const page = await client.call('attempts.list', { filter: { kind: 'replay' } });
      expect(page.attempts).toEqual([
        expect.objectContaining({
          attemptId: replay.attemptId,
          status: 'success',
          responseCode: 200,
          replayOf: failed.attemptId,
        }),
      ]);
      // Same bytes as the original delivery.
      expect(receiver.received[1].body.equals(receiver.received[0].body)).toBe(true);
      // Replays are attempts too: the mock API lists them.
      const listed = await api('GET', '/webhooks/agent.memory_added/attempts');
      const ids = (listed.json!.attempts as { attempt_id: string; status: string }[]).map((a) => [
        a.attempt_id,
        a.status,
      ]);
      expect(ids).toEqual(
        expect.arrayContaining([
          [failed.attemptId, 'failed'],
          [replay.attemptId, 'success'],
        ]),
      );

      // Edit and replay: the edited body is re-signed with the current secret.
      const edited = JSON.stringify({ ...JSON.parse(receiver.received[0].body.toString()), note: 'edited' });
      const again = await client.call('attempts.replay', { attemptId: failed.attemptId, body: edited });
      expect((await client.call('attempts.get', { attemptId: again.attemptId })).summary.status).toBe('success');
      expect(receiver.received[2].body.toString()).toBe(edited);
    } finally {
      await receiver.close();
    }
  });

  it('bulk replay sends every failed delivery of the filter again and sums it up', async () => {
    let healthy = false;
    const receiver = await startReceiver((_r, res) => {
      res.statusCode = healthy ? 204 : 503;
      res.end();
    });
    try {
      await api('PUT', '/webhooks/agent.breakthrough', { webhook_url: receiver.url });
      for (let i = 0; i < 3; i++) await client.call('events.fire', { eventType: 'agent.breakthrough' });
      await expect
        .poll(async () => (await client.call('attempts.list', { filter: { status: 'failed' } })).attempts.length, {
          timeout: 10_000,
        })
        .toBe(3);
      healthy = true;
      const job = await client.call('attempts.bulkReplay.start', {
        filter: { status: 'failed', eventType: 'agent.breakthrough' },
      });
      expect(job.total).toBe(3);
      await expect
        .poll(
          async () =>
            (await client.call('attempts.list', { filter: { kind: 'replay', status: 'success' } })).attempts.length,
          { timeout: 10_000 },
        )
        .toBe(3);
    } finally {
      await receiver.close();
    }
  });

  it("a scenario run delivers its events to the handler in the scenario's order", async () => {
    const receiver = await startReceiver();
    try {
      const types = [
        'agent.wakeup',
        'on_wakeup_ready',
        'agent.message',
        'agent.mood_change',
        'agent.memory_added',
        'on_diary_generated',
        'agent.breakthrough',
        'on_personality_updated',
        'agent.consolidation',
      ];
      for (const t of types) await api('PUT', `/webhooks/${t}`, { webhook_url: `${receiver.url}/${t}` });
      const done = new Promise<void>((resolve) =>
        client.on('scenario.progress', (p) => p.state === 'done' && resolve()),
      );
      const run = await client.call('scenarios.run', { name: "companion's first week", delayScale: 0.05 });
      expect(run.total).toBe(types.length);
      await done;
      await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(types.length);
      expect(receiver.received.map((r) => r.url.slice(1))).toEqual(types);
      const bodies = receiver.received.map((r) => JSON.parse(r.body.toString()) as { event_type: string });
      expect(bodies.map((b) => b.event_type)).toEqual(types);
    } finally {
      await receiver.close();
    }
  });
});
