import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { rawHeader, startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

/** Our own check of the documented scheme, independent of src/core/signing. */
function signatureOk(header: string | undefined, body: Buffer, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', secret.replace(/^whsec_/, ''))
    .update(`${m[1]}.`)
    .update(body)
    .digest('hex');
  return expected === m[2];
}

describe('the proactive side, end to end over HTTP', () => {
  let studio: Studio;
  let receiver: Receiver;
  let base: string;
  let auth: Record<string, string>;

  beforeEach(async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    receiver = await startReceiver();
    const s = studio.status();
    base = `${s.apiBaseUrl}/api/v1`;
    auth = { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' };
  });
  afterEach(async () => {
    await studio.close();
    await receiver.close();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: auth,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  it('schedule → advance-time → webhooks delivered, signed → pending notification → consume → history', async () => {
    const agentId = studio.status().agentId;
    const secrets: Record<string, string> = {};
    for (const type of ['agent.wakeup', 'on_wakeup_ready', 'agent.message']) {
      const r = await api('PUT', `/webhooks/${type}`, { webhook_url: `${receiver.url}/hooks/${type}` });
      expect(r.status).toBe(200);
      secrets[type] = r.json!.signing_secret as string;
    }

    const scheduled = await api('POST', `/agents/${agentId}/wakeups`, {
      user_id: 'user-42',
      check_type: 'interest_check',
      intent: 'ask how the piano recital went',
      delay_hours: 3,
    });
    expect(scheduled.status).toBe(200);
    const wakeupId = scheduled.json!.wakeup_id as string;

    // Not due yet: nothing runs, nothing is delivered.
    const early = await api('POST', '/workbench/advance-time', {
      simulated_hours: 1,
      agent_id: agentId,
      user_id: 'user-42',
    });
    expect(early.status).toBe(200);
    expect(early.json!.wakeups_executed ?? []).toEqual([]);

    const ran = await api('POST', '/workbench/advance-time', {
      simulated_hours: 3,
      agent_id: agentId,
      user_id: 'user-42',
    });
    expect(ran.status).toBe(200);
    expect(ran.json!.wakeups_executed).toEqual([
      expect.objectContaining({
        wakeup_id: wakeupId,
        user_id: 'user-42',
        agent_id: agentId,
        check_type: 'interest_check',
      }),
    ]);

    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(3);
    const byPath = Object.fromEntries(receiver.received.map((r) => [r.url.replace('/hooks/', ''), r]));
    for (const [type, r] of Object.entries(byPath)) {
      expect(signatureOk(rawHeader(r.rawHeaders, 'sonzai-signature'), r.body, secrets[type])).toBe(true);
    }
    const ready = JSON.parse(byPath['on_wakeup_ready'].body.toString()) as Record<string, unknown>;
    expect(ready).toMatchObject({ event_type: 'on_wakeup_ready', agent_id: agentId, has_energy: expect.any(Boolean) });
    expect((ready.wakeup as { wakeup_id: string }).wakeup_id).toBe(wakeupId);
    const wakeupEvent = JSON.parse(byPath['agent.wakeup'].body.toString()) as {
      data: { wakeup_id: string };
      user_id: string;
    };
    expect(wakeupEvent).toMatchObject({ user_id: 'user-42', data: { wakeup_id: wakeupId } });

    const pending = await api('GET', `/agents/${agentId}/notifications?status=pending&user_id=user-42`);
    const list = pending.json!.notifications as {
      message_id: string;
      wakeup_id?: string;
      status: string;
      generated_message: string;
    }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ wakeup_id: wakeupId, status: 'pending' });
    expect(list[0].generated_message).toBe((ready as { generated_message: string }).generated_message);

    const consumed = await api('POST', `/agents/${agentId}/notifications/${list[0].message_id}/consume`);
    expect(consumed).toMatchObject({ status: 200, json: { success: true } });
    const after = await api('GET', `/agents/${agentId}/notifications?status=pending&user_id=user-42`);
    expect(after.json!.notifications).toEqual([]);
    const history = await api('GET', `/agents/${agentId}/notifications/history`);
    expect(history.json!.notifications).toEqual([
      expect.objectContaining({ message_id: list[0].message_id, status: 'consumed', consumed_at: expect.any(String) }),
    ]);

    const wakeups = await api('GET', `/agents/${agentId}/wakeups?status=executed`);
    expect(wakeups.json!.wakeups).toEqual([expect.objectContaining({ wakeup_id: wakeupId, status: 'executed' })]);

    const projectNotes = await api('GET', `/projects/${studio.status().projectId}/notifications`);
    const types = (projectNotes.json!.notifications as { event_type: string }[]).map((n) => n.event_type).sort();
    expect(types).toEqual(['agent.message', 'on_wakeup_ready']);
  });

  it('a proactive message fired by hand leaves a pending notification for its user', async () => {
    const agentId = studio.status().agentId;
    const res = await studio.dispatch({
      id: 1,
      method: 'events.fire',
      params: { eventType: 'agent.message', userId: 'user-7' },
    });
    expect(res).not.toHaveProperty('error');
    const pending = await api('GET', `/agents/${agentId}/notifications?status=pending&user_id=user-7`);
    expect(pending.json!.notifications).toEqual([expect.objectContaining({ user_id: 'user-7', status: 'pending' })]);
  });
});
