import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAttempts } from './fixtures';
import { expectProblem, startApi, type Harness } from './helpers';

let h: Harness;
let ids: string[];
beforeAll(async () => {
  h = await startApi();
  ids = insertAttempts(h.studio.context.db, h.projectId, 'agent.message', 7).reverse(); // newest first
  insertAttempts(h.studio.context.db, h.projectId, 'other.type', 2);
});
afterAll(async () => {
  await h.close();
});

const attemptIds = (json: { attempts: { attempt_id: string }[] }) => json.attempts.map((a) => a.attempt_id);

describe('attempts pagination', () => {
  it('page_size + cursor walks every attempt once, newest first, with has_more / next_cursor', async () => {
    const got: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await h.api('GET', `/webhooks/agent.message/attempts?page_size=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      got.push(...attemptIds(r.json));
      expect(r.json.has_more).toBe(!!r.json.next_cursor);
      cursor = r.json.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(got).toEqual(ids);
  });

  it('limit + offset (the seed page) gives the same order', async () => {
    const a = await h.api('GET', '/webhooks/agent.message/attempts?limit=2&offset=0');
    const b = await h.api('GET', '/webhooks/agent.message/attempts?limit=2&offset=2');
    const last = await h.api('GET', '/webhooks/agent.message/attempts?limit=5&offset=5');
    expect([...attemptIds(a.json), ...attemptIds(b.json)]).toEqual(ids.slice(0, 4));
    expect(a.json.has_more).toBe(true);
    expect(attemptIds(last.json)).toEqual(ids.slice(5));
    expect(last.json.has_more).toBe(false);
    expect((await h.api('GET', '/webhooks/agent.message/attempts')).json.attempts).toHaveLength(7);
  });

  it('refuses mixing the two styles', async () => {
    expect((await h.api('GET', '/webhooks/agent.message/attempts?limit=2&page_size=2')).status).toBe(422);
  });

  it('integers are read as production’s Go server reads them: digits only; an empty parameter is absent', async () => {
    for (const q of ['page_size=1e2', 'page_size=5.0', 'offset=0x10', 'limit=ten', 'limit=9999999999999999999999']) {
      const r = await h.api('GET', `/webhooks/agent.message/attempts?${q}`);
      expectProblem(r, 422);
      expect(r.json.errors[0]).toMatchObject({ location: `query.${q.split('=')[0]}`, message: 'expected integer' });
    }
    const plus = await h.api('GET', '/webhooks/agent.message/attempts?page_size=%2B2');
    expect(plus.json.attempts).toHaveLength(2);
    for (const q of ['limit=', 'page_size=', 'page_size=&cursor=']) {
      const r = await h.api('GET', `/webhooks/agent.message/attempts?${q}`);
      expect(r.status).toBe(200);
      expect(r.json.attempts).toHaveLength(7);
    }
    expectProblem(await h.api('GET', '/projects?page_size=2.5'), 422);
  });

  it('projects and agents paginate with page_size + cursor', async () => {
    for (let i = 0; i < 4; i++) await h.cmd('agents.create', { projectId: h.projectId, name: `Agent ${i}` });
    const names: string[] = [];
    let cursor = '';
    do {
      const r = await h.api('GET', `/agents?page_size=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.json.total_count).toBe(5);
      names.push(...r.json.items.map((a: { name: string }) => a.name));
      cursor = r.json.next_cursor ?? '';
    } while (cursor);
    expect(names).toEqual(['Aiko', 'Agent 0', 'Agent 1', 'Agent 2', 'Agent 3']);
    const search = await h.api('GET', '/agents?search=Agent%202');
    expect(search.json.items.map((a: { name: string }) => a.name)).toEqual(['Agent 2']);
    await h.cmd('projects.create', { name: 'P2' });
    const p1 = await h.api('GET', '/projects?page_size=1');
    const p2 = await h.api('GET', `/projects?page_size=1&cursor=${p1.json.next_cursor}`);
    expect(p1.json.has_more).toBe(true);
    expect(p2.json.items[0].name).toBe('P2');
    expect(p2.json.has_more).toBe(false);
  });
});
