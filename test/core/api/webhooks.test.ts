import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, startApi, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startApi();
});
afterEach(async () => {
  await h.close();
});

describe('webhooks (tenant- and project-scoped)', () => {
  it('returns the signing secret on first registration only, and lists the webhook', async () => {
    const first = await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: 'https://example.com/hook' } });
    expect(first.status).toBe(200);
    expect(first.json.success).toBe(true);
    expect(first.json.signing_secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
    const again = await h.api('PUT', '/webhooks/agent.message', {
      body: { webhook_url: 'https://example.com/other', auth_header: 'Bearer abc' },
    });
    expect(again.status).toBe(200);
    expect(again.json).not.toHaveProperty('signing_secret');
    const list = await h.api('GET', '/webhooks');
    expect(list.json.webhooks).toEqual([
      expect.objectContaining({
        project_id: h.projectId,
        event_type: 'agent.message',
        webhook_url: 'https://example.com/other',
        auth_header: 'Bearer abc',
        is_active: true,
      }),
    ]);
  });

  it('rotates: a new secret, the old one no longer current', async () => {
    const first = await h.api('PUT', '/webhooks/agent.mood_change', { body: { webhook_url: 'http://127.0.0.1:9/h' } });
    const rotated = await h.api('POST', '/webhooks/agent.mood_change/rotate-secret');
    expect(rotated.status).toBe(200);
    expect(rotated.json.signing_secret).toMatch(/^whsec_/);
    expect(rotated.json.signing_secret).not.toBe(first.json.signing_secret);
    const reveal = await h.cmd('webhooks.revealSecret', { projectId: h.projectId, eventType: 'agent.mood_change' });
    expect(reveal.secret).toBe(rotated.json.signing_secret);
    const repo = h.studio.context.db
      .prepare('SELECT secret, rotated_at FROM webhook_secrets WHERE event_type = ? ORDER BY created_at, rowid')
      .all('agent.mood_change') as { secret: string; rotated_at: string | null }[];
    expect(repo).toEqual([
      { secret: first.json.signing_secret, rotated_at: expect.any(String) },
      { secret: rotated.json.signing_secret, rotated_at: null },
    ]);
  });

  it('deletes with 204 and an empty body; a second delete is 404', async () => {
    await h.api('PUT', '/webhooks/agent.wakeup', { body: { webhook_url: 'http://localhost:3000/h' } });
    const del = await h.api('DELETE', '/webhooks/agent.wakeup');
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectProblem(await h.api('DELETE', '/webhooks/agent.wakeup'), 404);
    expectProblem(await h.api('POST', '/webhooks/agent.wakeup/rotate-secret'), 404);
    expect((await h.api('GET', '/webhooks')).json.webhooks).toEqual([]);
  });

  it('accepts any event type string, including unicode and percent-encoded ones', async () => {
    for (const t of ['on_wakeup_ready', 'session.end', 'custom/thing', 'エージェント.メッセージ']) {
      const r = await h.api('PUT', `/webhooks/${encodeURIComponent(t)}`, { body: { webhook_url: 'https://x.test/h' } });
      expect(r.status, t).toBe(200);
    }
    const types = (await h.api('GET', '/webhooks')).json.webhooks.map((w: { event_type: string }) => w.event_type);
    expect(types.sort()).toEqual(['custom/thing', 'on_wakeup_ready', 'session.end', 'エージェント.メッセージ'].sort());
  });

  it('rejects a relative, non-http or oversized URL and an event type over 128 characters', async () => {
    for (const url of [
      '/relative',
      'ftp://x.test/a',
      'javascript:alert(1)',
      'http://',
      `https://x.test/${'a'.repeat(2100)}`,
    ]) {
      const r = await h.api('PUT', '/webhooks/agent.message', { body: { webhook_url: url } });
      expectProblem(r, 422);
      expect(r.json.errors[0].location).toBe('body.webhook_url');
    }
    const long = await h.api('PUT', `/webhooks/${'e'.repeat(129)}`, { body: { webhook_url: 'https://x.test' } });
    expectProblem(long, 422);
    expect(long.json.errors[0].location).toBe('path.eventType');
    expect(
      (await h.api('PUT', `/webhooks/${'e'.repeat(128)}`, { body: { webhook_url: 'https://x.test' } })).status,
    ).toBe(200);
  });

  it('serves the project-scoped routes, and hides other projects from a non-default key', async () => {
    const other = await h.cmd('projects.create', { name: 'Other' });
    const otherKey = (await h.cmd('keys.list', { projectId: other.projectId })).keys[0].secret;
    const reg = await h.api('PUT', `/projects/${other.projectId}/webhooks/agent.message`, {
      body: { webhook_url: 'https://b.test/h' },
    });
    expect(reg.status).toBe(200);
    expect(reg.json.signing_secret).toMatch(/^whsec_/);
    const list = await h.api('GET', `/projects/${other.projectId}/webhooks`, { key: otherKey });
    expect(list.json.webhooks.map((w: { webhook_url: string }) => w.webhook_url)).toEqual(['https://b.test/h']);
    // The other project's key sees its own tenant-scoped list, not the default project's.
    expect((await h.api('GET', '/webhooks', { key: otherKey })).json.webhooks).toHaveLength(1);
    expectProblem(await h.api('GET', `/projects/${h.projectId}/webhooks`, { key: otherKey }), 404);
    expectProblem(await h.api('GET', `/agents/${h.agentId}`, { key: otherKey }), 404);
    expectProblem(await h.api('GET', `/projects/not-a-project/webhooks`), 404);
  });

  it('lets the UI toggle, reveal and rotate, and announces changes live', async () => {
    const seen: string[] = [];
    const off = h.studio.bus.subscribe((e) => {
      if (e.event === 'webhooks.changed') seen.push(e.payload.projectId);
    });
    const up = await h.cmd('webhooks.upsert', {
      projectId: h.projectId,
      eventType: 'agent.message',
      webhookUrl: 'http://localhost:4000/h',
    });
    expect(up.created).toBe(true);
    expect(up.signingSecret).toMatch(/^whsec_/);
    const off1 = await h.cmd('webhooks.setActive', {
      projectId: h.projectId,
      eventType: 'agent.message',
      active: false,
    });
    expect(off1.isActive).toBe(false);
    expect((await h.api('GET', '/webhooks')).json.webhooks[0].is_active).toBe(false);
    await expect(
      h.cmd('webhooks.upsert', { projectId: h.projectId, eventType: 'x', webhookUrl: 'not a url' }),
    ).rejects.toThrow(/webhookUrl/);
    off();
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });
});
