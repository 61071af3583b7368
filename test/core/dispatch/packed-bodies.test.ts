import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { insertWebhook, openStudio, receiver, receiverVerifies, waitFor, type OpenedStudio } from './helpers';

/**
 * Event bodies packed at rest (migration 018): once the studio is quiet it deflates what it fired
 * against a dictionary trained on its own bodies. Everything a user reads or sends again is the
 * exact bytes that were fired.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const EVENTS = 80;
const WORDS = ['kyoto', 'sunrise', 'memory', 'coffee', 'rain', 'piano', 'travel', 'dream'];
/** A Sonzai-like envelope; the odd spacing and key order are part of the bytes that must survive. */
const bodyOf = (i: number) =>
  `{"event_id":"evt_pack_${i}","event_type":"agent.message",  "timestamp":"2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z",` +
  `"data":{"text":"${Array.from({ length: 10 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ')} #${i}",` +
  `"note":"${i === 7 ? 'こんにちは、京都 ☕' : 'plain'}","n":${i}}}`;

const packedCount = (s: OpenedStudio) =>
  s.db.prepare('SELECT count(*) FROM events WHERE body_dict IS NOT NULL').pluck().get() as number;
const storedBytes = (s: OpenedStudio) => s.db.prepare('SELECT sum(length(body)) FROM events').pluck().get() as number;

async function studioAt(dir: string) {
  const s = await openStudio(dir, { schedule: 'custom', customDelaysMs: [60_000], maxAttempts: 3 });
  cleanup.push(s.close);
  return s;
}

describe('event bodies packed at rest', () => {
  it('packs once quiet, and every body read, searched, retried or replayed is the bytes fired', async () => {
    const dir = tempDir();
    const failFirst = new Set(['evt_pack_7']);
    const rx = await receiver((_req, res, body) => {
      const id = /"event_id":"([^"]+)"/.exec(body.toString())?.[1] ?? '';
      if (failFirst.delete(id)) res.writeHead(500).end('not yet');
      else res.end('ok');
    });
    cleanup.push(rx.close);
    let s = await studioAt(dir);
    const hook = insertWebhook(s.db, { projectId: s.projectId, eventType: 'agent.message', url: rx.url });

    const fired = new Map<string, string>();
    for (let i = 0; i < EVENTS; i++) {
      const body = bodyOf(i);
      const r = await s.fire('agent.message', body);
      fired.set(r.deliveries[0]!.deliveryId, body);
    }
    await waitFor(() => rx.received.length === EVENTS, 10_000, 'every first attempt');
    const rawBytes = [...fired.values()].reduce((n, b) => n + Buffer.byteLength(b), 0);
    expect(storedBytes(s)).toBe(rawBytes);

    // The studio goes quiet: its packer deflates every body, in the background.
    await waitFor(() => packedCount(s) === EVENTS, 15_000, 'the bodies packed');
    expect(storedBytes(s)).toBeLessThan(rawBytes * 0.5);
    expect(s.db.prepare('SELECT count(*) FROM body_dictionaries').pluck().get()).toBe(1);

    // The inspector shows the bytes fired, and the stored signature verifies over them.
    const { attempts } = await s.client.call('attempts.list', { filter: {}, limit: 100 });
    expect(attempts).toHaveLength(EVENTS);
    for (const a of attempts.slice(0, 20)) {
      const detail = await s.client.call('attempts.get', { attemptId: a.attemptId });
      const expected = fired.get(a.deliveryId!)!;
      expect(Buffer.from(detail.request.bodyBase64, 'base64').toString('utf8')).toBe(expected);
      expect(detail.request.headers['Content-Length']).toBe(String(Buffer.byteLength(expected)));
      expect(receiverVerifies(hook.secret, detail.signature.header!, Buffer.from(expected))).toBe(true);
    }

    // A one-secret signature header is stored as its 32 bytes and shown as it was sent.
    const kinds = s.db
      .prepare('SELECT DISTINCT typeof(signature_header), length(signature_header) FROM attempts')
      .raw()
      .all();
    expect(kinds).toEqual([['blob', 32]]);

    // Body search reads the text, not the packed bytes.
    const found = await s.client.call('attempts.list', { filter: { text: '京都 ☕' }, limit: 10 });
    expect(found.attempts.map((a) => fired.get(a.deliveryId!))).toEqual([bodyOf(7)]);
    const words = await s.client.call('attempts.list', { filter: { text: 'sunrise #42"' }, limit: 10 });
    expect(words.attempts.map((a) => fired.get(a.deliveryId!))).toEqual([bodyOf(42)]);

    // A retry of a packed event sends the bytes fired, signed again.
    const failed = attempts.find((a) => a.responseCode === 500)!;
    expect(fired.get(failed.deliveryId!)).toBe(bodyOf(7));
    await s.client.call('deliveries.retryNow', { deliveryId: failed.deliveryId! });
    await waitFor(() => rx.received.length === EVENTS + 1, 10_000, 'the retry');
    const retried = rx.received[EVENTS]!;
    expect(retried.body.toString('utf8')).toBe(bodyOf(7));
    expect(receiverVerifies(hook.secret, String(retried.headers['sonzai-signature']), retried.body)).toBe(true);

    // So does a replay.
    const replay = await s.client.call('attempts.replay', { attemptId: attempts[3]!.attemptId });
    await waitFor(() => rx.received.length === EVENTS + 2, 10_000, 'the replay');
    expect(rx.received[EVENTS + 1]!.body.toString('utf8')).toBe(fired.get(attempts[3]!.deliveryId!));
    expect(replay.attemptId).toBeTruthy();

    // After a restart the dictionary is read back with the store.
    await s.close();
    cleanup.pop();
    s = await studioAt(dir);
    const again = await s.client.call('attempts.get', { attemptId: attempts[10]!.attemptId });
    expect(Buffer.from(again.request.bodyBase64, 'base64').toString('utf8')).toBe(fired.get(attempts[10]!.deliveryId!));
    const check = s.db.prepare('PRAGMA integrity_check').pluck().get();
    expect(check).toBe('ok');
  });

  it('leaves bodies as they are until there are enough to train a dictionary on', async () => {
    const rx = await receiver();
    cleanup.push(rx.close);
    const s = await studioAt(tempDir());
    insertWebhook(s.db, { projectId: s.projectId, eventType: 'agent.message', url: rx.url });
    for (let i = 0; i < 10; i++) await s.fire('agent.message', bodyOf(i));
    await waitFor(() => rx.received.length === 10, 10_000, 'the deliveries');
    await new Promise((r) => setTimeout(r, 1_500)); // three of the packer's looks
    expect(packedCount(s)).toBe(0);
    expect(s.db.prepare('SELECT count(*) FROM body_dictionaries').pluck().get()).toBe(0);
  });
});
