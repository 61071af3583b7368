import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, systemRandom } from '../../../src/core/deps';
import { createTargets } from '../../../src/core/dispatch/targets';
import { openStore, type Db } from '../../../src/core/store/open';
import { createProjectsRepo } from '../../../src/core/store/projects-repo';
import { createWebhooksRepo } from '../../../src/core/store/webhooks-repo';
import { tempDir } from '../../helpers/tmp';
import { insertWebhook, rotateSecret } from './helpers';

let db: Db | undefined;
afterEach(() => db?.close());

function setup() {
  db = openStore(join(tempDir(), 'studio.db'));
  const { project } = createProjectsRepo(db, systemClock, systemRandom).ensureDefaults();
  const targets = createTargets(db);
  const hook = insertWebhook(db, {
    projectId: project.project_id,
    eventType: 'agent.message',
    url: 'http://127.0.0.1:1/a',
  });
  const read = () => targets.forDelivery(hook.webhookId, new Date(), 0);
  return { db, project, targets, hook, read };
}

describe('the webhook and secret each delivery reads', () => {
  it('sees a new URL, a rotated secret and a deactivation at once, however they were written', () => {
    const { db, hook, read } = setup();
    expect(read()).toMatchObject({
      webhook: { webhook_url: 'http://127.0.0.1:1/a' },
      secrets: [{ secret: hook.secret }],
    });
    expect(read()).toEqual(read()); // read twice: the same answer
    db.prepare('UPDATE webhooks SET webhook_url = ? WHERE webhook_id = ?').run('http://127.0.0.1:1/b', hook.webhookId);
    expect(read()?.webhook.webhook_url).toBe('http://127.0.0.1:1/b');
    const next = rotateSecret(db, hook.webhookId);
    expect(read()?.secrets.map((s) => s.secret)).toEqual([next.secret]);
    db.prepare('UPDATE webhooks SET is_active = 0 WHERE webhook_id = ?').run(hook.webhookId);
    expect(read()?.webhook.is_active).toBe(0);
  });

  it('sees a webhook deleted with its project (a cascade), and one changed through the API repo', () => {
    const { db, project, read, hook } = setup();
    const repo = createWebhooksRepo(db, systemClock, systemRandom);
    read();
    repo.upsert(project.project_id, 'agent.message', { webhookUrl: 'http://127.0.0.1:1/c' });
    expect(read()?.webhook.webhook_url).toBe('http://127.0.0.1:1/c');
    db.prepare(
      "INSERT INTO projects (project_id, tenant_id, name, created_at, updated_at) VALUES ('p2', 't', 'two', 'x', 'x')",
    ).run();
    const other = insertWebhook(db, { projectId: 'p2', eventType: 'agent.message', url: 'http://127.0.0.1:1/d' });
    const targets = createTargets(db);
    expect(targets.forDelivery(other.webhookId, new Date(), 0)).not.toBeNull();
    db.prepare('DELETE FROM projects WHERE project_id = ?').run('p2');
    expect(targets.forDelivery(other.webhookId, new Date(), 0)).toBeNull();
    expect(hook.webhookId).toBeTruthy();
  });

  it('never keeps what a transaction wrote and then rolled back', () => {
    const { db, hook, read } = setup();
    read();
    try {
      db.transaction(() => {
        db.prepare('UPDATE webhooks SET webhook_url = ? WHERE webhook_id = ?').run(
          'http://127.0.0.1:1/x',
          hook.webhookId,
        );
        expect(read()?.webhook.webhook_url).toBe('http://127.0.0.1:1/x'); // its own write, read inside
        throw new Error('roll back');
      })();
    } catch {
      /* rolled back */
    }
    expect(read()?.webhook.webhook_url).toBe('http://127.0.0.1:1/a');
  });
});
