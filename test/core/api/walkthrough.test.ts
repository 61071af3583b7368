import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAttempts, proactiveOn } from './fixtures';
import { expectProblem, startApi, type Harness } from './helpers';

/**
 * The seed docs' calls, in their order, over real HTTP, shaped as the SDKs send them
 * (`Authorization: Bearer sk_...`, JSON bodies, an `Idempotency-Key` on writes like the
 * Python SDK).
 */
let h: Harness;
beforeAll(async () => {
  h = await startApi();
});
afterAll(async () => {
  await h.close();
});

const idem = () => ({ 'idempotency-key': randomUUID() });

describe('real-client walkthrough of the seed docs', () => {
  it('webhooks, project webhooks, notifications and wakeups, in the docs order', async () => {
    // client.webhooks.register("agent.message", { webhookUrl, authHeader })
    const reg = await h.api('PUT', '/webhooks/agent.message', {
      body: { webhook_url: 'https://your-server.com/webhooks/sonzai', auth_header: 'Bearer your-webhook-secret' },
      headers: idem(),
    });
    expect(reg.status).toBe(200);
    expect(reg.json).toMatchObject({ success: true, signing_secret: expect.stringMatching(/^whsec_/) });

    // client.webhooks.list()
    const list = await h.api('GET', '/webhooks');
    expect(list.json.webhooks).toEqual([
      expect.objectContaining({
        event_type: 'agent.message',
        webhook_url: 'https://your-server.com/webhooks/sonzai',
        auth_header: 'Bearer your-webhook-secret',
        is_active: true,
      }),
    ]);

    // Deliveries happened meanwhile (the dispatcher writes attempts).
    insertAttempts(h.studio.context.db, h.projectId, 'agent.message', 2);

    // client.webhooks.delete("agent.message")
    const del = await h.api('DELETE', '/webhooks/agent.message');
    expect(del.status).toBe(204);
    expect(del.text).toBe('');

    // client.webhooks.listDeliveryAttempts("agent.message") — attempts outlive the webhook.
    const attempts = await h.api('GET', '/webhooks/agent.message/attempts');
    expect(attempts.status).toBe(200);
    expect(attempts.json.attempts).toHaveLength(2);
    expect(attempts.json.has_more).toBe(false);
    const a0 = attempts.json.attempts[1];
    expect(JSON.parse(Buffer.from(a0.request_body, 'base64').toString())).toEqual({
      event_type: 'agent.message',
      n: 0,
    });
    expect(a0).toMatchObject({ status: 'success', response_code: 200, attempt_number: 1 });

    // client.webhooks.rotateSecret("agent.message") — the webhook was just deleted: 404 with a readable message.
    const gone = await h.api('POST', '/webhooks/agent.message/rotate-secret', { headers: idem() });
    expectProblem(gone, 404);
    expect(gone.json.error).toContain('agent.message');
    // Registered again, rotation works and answers a new secret.
    const again = await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 'https://your-server.com/w' } });
    const rotated = await h.api('POST', '/webhooks/agent.message/rotate-secret', { headers: idem() });
    expect(rotated.json).toEqual(
      expect.objectContaining({ success: true, signing_secret: expect.stringMatching(/^whsec_/) }),
    );
    expect(rotated.json.signing_secret).not.toBe(again.json.signing_secret);

    // client.webhooks.registerForProject("project-id", "agent.message", { webhookUrl })
    const preg = await h.api('PUT', `/projects/${h.projectId}/webhooks/agent.message`, {
      body: { webhook_url: 'https://your-server.com/webhooks/project' },
      headers: idem(),
    });
    expect(preg.status).toBe(200);
    expect(preg.json).toEqual(expect.objectContaining({ success: true })); // an update: no new secret
    expect(preg.json.signing_secret).toBeUndefined();
    // client.webhooks.listForProject("project-id")
    const plist = await h.api('GET', `/projects/${h.projectId}/webhooks`);
    expect(plist.json.webhooks.map((w: { webhook_url: string }) => w.webhook_url)).toEqual([
      'https://your-server.com/webhooks/project',
    ]);

    // A wakeup ran and queued a proactive message for user-123.
    const proactive = proactiveOn(h.studio.context.db);
    const n = proactive.createProactiveNotification({
      projectId: h.projectId,
      agentId: h.agentId,
      userId: 'user-123',
      checkType: 'interest_check',
      generatedMessage: 'How did the interview prep go?',
    });
    // client.notifications.list("agent-id", { userId: "user-123", status: "pending" })
    const pending = await h.api('GET', `/agents/${h.agentId}/notifications?user_id=user-123&status=pending`);
    expect(pending.json.notifications).toEqual([
      expect.objectContaining({
        message_id: n.message_id,
        status: 'pending',
        generated_message: 'How did the interview prep go?',
      }),
    ]);
    // client.notifications.consume("agent-id", notif.id)
    const consumed = await h.api('POST', `/agents/${h.agentId}/notifications/${n.message_id}/consume`, {
      headers: idem(),
    });
    expect(consumed.json).toEqual(expect.objectContaining({ success: true }));
    expect((await h.api('GET', `/agents/${h.agentId}/notifications?status=pending`)).json.notifications).toEqual([]);
    // client.notifications.history("agent-id", { userId: "user-123", limit: 50 })
    const history = await h.api('GET', `/agents/${h.agentId}/notifications/history?user_id=user-123&limit=50`);
    expect(history.json.notifications).toEqual([
      expect.objectContaining({ message_id: n.message_id, status: 'consumed', consumed_at: expect.any(String) }),
    ]);

    // client.agents.scheduleWakeup("agent-id", { userId, scheduledAt, context }) — the docs' body.
    const wake = await h.api('POST', `/agents/${encodeURIComponent('Aiko')}/wakeups`, {
      body: {
        userId: 'user-123',
        scheduledAt: '2026-04-05T09:00:00Z',
        context: 'Check in about the job interview preparation',
      },
      headers: idem(),
    });
    expect(wake.status).toBe(200);
    expect(wake.json).toEqual(
      expect.objectContaining({ wakeup_id: expect.any(String), scheduled_at: '2026-04-05T09:00:00.000Z' }),
    );
    const wakeups = await h.api('GET', `/agents/${h.agentId}/wakeups?user_id=user-123&instance_id=`);
    expect(wakeups.json.wakeups).toEqual([
      expect.objectContaining({
        wakeup_id: wake.json.wakeup_id,
        intent: 'Check in about the job interview preparation',
        status: 'pending',
      }),
    ]);
  });
});
