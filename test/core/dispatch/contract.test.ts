import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS } from '../../../src/shared/delivery-settings';
import { tempDir } from '../../helpers/tmp';
import { bareDispatcher, insertWebhook, openStudio, receiver } from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('dispatch contract', () => {
  it('reads and patches delivery settings, validated, kept across restarts', async () => {
    const dataDir = tempDir();
    const s = await openStudio(dataDir);
    expect(await s.client.call('delivery.settings.get')).toEqual(DEFAULT_DELIVERY_SETTINGS);
    const next = await s.client.call('delivery.settings.set', { patch: { timeoutMs: 2_000, inOrder: true } });
    expect(next).toMatchObject({ timeoutMs: 2_000, inOrder: true, schedule: 'fast' });
    await expect(s.client.call('delivery.settings.set', { patch: { timeoutMs: 5 } })).rejects.toMatchObject({
      code: 'invalid_params',
    });
    await expect(
      s.client.call('delivery.settings.set', { patch: { injection: { dropRate: 2 } } }),
    ).rejects.toMatchObject({ code: 'invalid_params' });
    // The studio-wide settings carry the delivery key too.
    expect((await s.client.call('settings.get')).delivery.timeoutMs).toBe(2_000);
    await s.close();
    const again = await openStudio(dataDir);
    cleanup.push(again.close);
    expect(await again.client.call('delivery.settings.get')).toMatchObject({ timeoutMs: 2_000, inOrder: true });
  });

  it('lists webhooks with their injection override and sets or removes one', async () => {
    const s = await openStudio(tempDir());
    cleanup.push(s.close);
    const w = insertWebhook(s.db, { projectId: s.projectId, eventType: 'agent.message', url: 'http://127.0.0.1:9/x' });
    expect((await s.client.call('delivery.injection.get')).webhooks).toEqual([
      expect.objectContaining({ webhookId: w.webhookId, eventType: 'agent.message', isActive: true, injection: null }),
    ]);
    await s.client.call('delivery.injection.set', { webhookId: w.webhookId, injection: { forceStatus: 503 } });
    expect((await s.client.call('delivery.injection.get')).webhooks[0]!.injection).toEqual({ forceStatus: 503 });
    await s.client.call('delivery.injection.set', { webhookId: w.webhookId, injection: null });
    expect((await s.client.call('delivery.injection.get')).webhooks[0]!.injection).toBeNull();
    await expect(
      s.client.call('delivery.injection.set', { webhookId: 'nope', injection: { latencyMs: 1 } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('fireMany stores a burst atomically: a duplicate event id stores none of it', async () => {
    const d = bareDispatcher(tempDir());
    cleanup.push(d.close);
    const rx = await receiver();
    cleanup.push(rx.close);
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: rx.url });
    const ev = (id: string) => ({ projectId: d.projectId, eventType: 'x', body: '{}', eventId: id });
    expect(d.dispatcher.fireMany([ev('a'), ev('b')]).map((r) => r.deliveries.length)).toEqual([1, 1]);
    expect(() => d.dispatcher.fireMany([ev('c'), ev('a')])).toThrow(/already fired/);
    const count = d.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE event_id = 'c'`).get() as { n: number };
    expect(count.n).toBe(0);
    await d.dispatcher.idle();
    expect(rx.received).toHaveLength(2);
  });

  it('fireMany stores what the events imply in the same transaction; if that throws, only its own writes are undone', async () => {
    const d = bareDispatcher(tempDir());
    cleanup.push(d.close);
    const rx = await receiver();
    cleanup.push(rx.close);
    insertWebhook(d.db, { projectId: d.projectId, eventType: 'x', url: rx.url });
    d.db.exec('CREATE TABLE side (note TEXT)');
    const note = d.db.prepare('INSERT INTO side (note) VALUES (?)');
    const notes = () => d.db.prepare('SELECT note FROM side ORDER BY rowid').pluck().all() as string[];
    const events = () => d.db.prepare('SELECT event_id FROM events ORDER BY seq').pluck().all();
    const ev = (id: string) => ({ projectId: d.projectId, eventType: 'x', body: '{}', eventId: id });
    let inside: boolean | null = null;
    d.dispatcher.fireMany([ev('a'), ev('b')], () => {
      inside = d.db.inTransaction;
      // The events are already written when it runs, in the transaction still open.
      note.run(`after ${(events() as string[]).join(',')}`);
    });
    expect(inside).toBe(true);
    expect(notes()).toEqual(['after a,b']);
    d.dispatcher.fireMany([ev('c')], () => {
      note.run('half done');
      throw new Error('notification store is down');
    });
    expect(events()).toEqual(['a', 'b', 'c']);
    expect(notes()).toEqual(['after a,b']);
    // A failing event stores neither the events nor what they imply.
    expect(() => d.dispatcher.fireMany([ev('d'), ev('a')], () => note.run('never'))).toThrow(/already fired/);
    expect(notes()).toEqual(['after a,b']);
    await d.dispatcher.idle();
    expect(rx.received).toHaveLength(3);
  });
});
