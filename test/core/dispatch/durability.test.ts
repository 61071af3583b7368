import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../src/core/paths';
import { openStore } from '../../../src/core/store/open';
import { createProjectsRepo } from '../../../src/core/store/projects-repo';
import { systemClock, systemRandom } from '../../../src/core/deps';
import { tempDir } from '../../helpers/tmp';
import { attemptRows, deliveryRow, insertWebhook, openStudio, receiver, waitFor } from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
async function rx(...args: Parameters<typeof receiver>) {
  const r = await receiver(...args);
  cleanup.push(r.close);
  return r;
}

describe('durable retries', () => {
  it('resumes a pending retry after a restart, at its due time', async () => {
    const dataDir = tempDir();
    const ep = await rx((_q, res, _b, n) => res.writeHead(n === 1 ? 500 : 200).end());
    const s1 = await openStudio(dataDir, { schedule: 'custom', customDelaysMs: [800] });
    insertWebhook(s1.db, { projectId: s1.projectId, eventType: 'x', url: ep.url });
    const id = (await s1.fire('x', { a: 1 })).deliveries[0]!.deliveryId;
    await waitFor(() => deliveryRow(s1.db, id).status === 'failed', 5_000);
    const due = Date.parse(deliveryRow(s1.db, id).next_attempt_at!);
    await s1.close();

    const s2 = await openStudio(dataDir);
    cleanup.push(s2.close);
    await waitFor(() => deliveryRow(s2.db, id).status === 'succeeded', 5_000, 'the resumed retry');
    expect(ep.received).toHaveLength(2);
    expect(ep.received[1]!.at).toBeGreaterThanOrEqual(due - 5);
    expect(attemptRows(s2.db, id).map((r) => r.attempt_number)).toEqual([1, 2]);
  });

  it('runs overdue retries promptly after a restart, and re-runs what was in flight at close', async () => {
    const dataDir = tempDir();
    let hang = true;
    const ep = await rx((_q, res, _b, n) => {
      if (hang) return; // the first studio closes while this one is open
      res.writeHead(n === 2 ? 500 : 200).end();
    });
    const s1 = await openStudio(dataDir, { schedule: 'custom', customDelaysMs: [3_600_000] });
    insertWebhook(s1.db, { projectId: s1.projectId, eventType: 'x', url: ep.url });
    const id = (await s1.fire('x', { a: 1 })).deliveries[0]!.deliveryId;
    await waitFor(() => ep.received.length === 1, 5_000);
    await s1.close();

    // Reopened: the in-flight one runs again; it fails (500) and waits an hour...
    hang = false;
    const s2 = await openStudio(dataDir);
    await waitFor(() => deliveryRow(s2.db, id).status === 'failed', 5_000);
    await s2.close();
    // ...which has passed by the next start.
    const db = openStore(join(dataDir, DB_FILE));
    db.prepare('UPDATE deliveries SET next_attempt_at = ? WHERE delivery_id = ?').run(
      new Date(Date.now() - 3_600_000).toISOString(),
      id,
    );
    db.close();
    const s3 = await openStudio(dataDir);
    cleanup.push(s3.close);
    await waitFor(() => deliveryRow(s3.db, id).status === 'succeeded', 3_000, 'the overdue retry');
  });

  it('loses no acknowledged event when the studio is SIGKILLed mid-burst', async () => {
    const dataDir = tempDir();
    const ep = await rx((_q, res) => setTimeout(() => res.end('ok'), 5));
    const db0 = openStore(join(dataDir, DB_FILE));
    const { project } = createProjectsRepo(db0, systemClock, systemRandom).ensureDefaults();
    insertWebhook(db0, { projectId: project.project_id, eventType: 'agent.message', url: ep.url });
    db0.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'burst-child.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let err = '';
    let buf = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('ACK ')) acked.push(l.slice(4));
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    await waitFor(() => acked.length >= 400 || err, 30_000, 'the burst to start');
    expect(err).toBe('');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(ep.received.length).toBeLessThan(acked.length + 50); // killed mid-burst, not after

    const db = openStore(join(dataDir, DB_FILE));
    const byEvent = db.prepare(
      `SELECT d.status, (SELECT COUNT(*) FROM attempts a WHERE a.delivery_id = d.delivery_id) AS attempts
       FROM deliveries d WHERE d.event_id = ?`,
    );
    const states = new Map<string, number>();
    for (const id of acked) {
      const rows = byEvent.all(id) as { status: string; attempts: number }[];
      expect(rows, id).toHaveLength(1);
      const { status, attempts } = rows[0]!;
      if (status === 'succeeded') expect(attempts, id).toBeGreaterThan(0);
      else expect(['pending', 'in_flight', 'failed'], id).toContain(status);
      states.set(status, (states.get(status) ?? 0) + 1);
    }
    db.close();
    expect(states.get('succeeded') ?? 0).toBeLessThan(acked.length); // some were still pending

    // After a restart every acknowledged event is delivered.
    const s = await openStudio(dataDir);
    cleanup.push(s.close);
    const done = s.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'succeeded' AND event_id = ?`);
    await waitFor(
      () => acked.every((id) => (done.get(id) as { n: number }).n === 1),
      20_000,
      'every acked event delivered',
    );
  }, 60_000);
});
