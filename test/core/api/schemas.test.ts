import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEIGHBOUR_OPERATIONS, operationsOf, responseSchema, SONZAI_DOC } from '../../../src/core/api/openapi';
import { createResponseAjv } from '../../../src/core/api/validator';
import { insertAttempts, proactiveOn } from './fixtures';
import { startApi, type Answer, type Harness } from './helpers';

let h: Harness;
const seen = new Map<string, Answer[]>();
const ajv = createResponseAjv();
const ops = operationsOf(SONZAI_DOC);

async function op(operationId: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const a = await h.api(method, path, body === undefined ? {} : { body });
  if (!seen.has(operationId)) seen.set(operationId, []);
  seen.get(operationId)!.push(a);
  return a;
}

beforeAll(async () => {
  h = await startApi();
  const db = h.studio.context.db;
  const p = h.projectId;
  const proactive = proactiveOn(db);
  const note = proactive.createProactiveNotification({
    projectId: p,
    agentId: h.agentId,
    userId: 'user-123',
    checkType: 'interest_check',
    generatedMessage: 'How did the interview go?',
    intent: 'follow up',
  });
  proactive.createProjectNotification({
    projectId: p,
    eventType: 'agent.message',
    payload: { text: 'hi' },
    agentId: h.agentId,
  });
  insertAttempts(db, p, 'agent.message', 3);

  await op('listProjects', 'GET', '/projects');
  const created = await op('createProject', 'POST', '/projects', { name: 'Second', environment: 'staging' });
  const p2 = created.json.project_id;
  await op('getProject', 'GET', `/projects/${p2}`);
  await op('updateProject', 'PUT', `/projects/${p2}`, { business_name: 'Biz', default_agent_kb_write: true });
  await op('listAPIKeys', 'GET', `/projects/${p}/keys`);
  await op('createAPIKey', 'POST', `/projects/${p}/keys`, { name: 'ci', scopes: ['webhooks'], expires_days: 30 });
  await op('listAgents', 'GET', '/agents?include_count=true');
  const agent = await op('createAgent', 'POST', '/agents', {
    name: 'Mika',
    bio: 'test',
    big5: { openness: 70, conscientiousness: 50, extraversion: 60, agreeableness: 80, neuroticism: 20 },
    behaviors: {
      response_length: 'short',
      question_frequency: 'low',
      empathy_style: 'warm',
      conflict_approach: 'calm',
    },
    primary_traits: ['kind'],
  });
  await op('getAgent', 'GET', `/agents/${h.agentId}`);
  await op('getAgent', 'GET', `/agents/${agent.json.agent_id}`);
  await op('upsertWebhookForTenant', 'PUT', '/webhooks/agent.message', { webhook_url: 'https://x.test/h' });
  await op('upsertWebhookForTenant', 'PUT', '/webhooks/agent.message', {
    webhook_url: 'https://x.test/h2',
    auth_header: 'B',
  });
  await op('listWebhooksForTenant', 'GET', '/webhooks');
  await op('listDeliveryAttemptsForTenant', 'GET', '/webhooks/agent.message/attempts?page_size=2');
  await op('listDeliveryAttemptsForTenant', 'GET', '/webhooks/agent.message/attempts?limit=5&offset=1');
  await op('rotateWebhookSigningSecretForTenant', 'POST', '/webhooks/agent.message/rotate-secret');
  await op('upsertWebhook', 'PUT', `/projects/${p}/webhooks/session.end`, { webhook_url: 'http://localhost:1/x' });
  await op('listWebhooks', 'GET', `/projects/${p}/webhooks`);
  await op('listDeliveryAttempts', 'GET', `/projects/${p}/webhooks/agent.message/attempts`);
  await op('rotateWebhookSigningSecret', 'POST', `/projects/${p}/webhooks/session.end/rotate-secret`);
  await op('deleteWebhook', 'DELETE', `/projects/${p}/webhooks/session.end`);
  await op('deleteWebhookForTenant', 'DELETE', '/webhooks/agent.message');
  await op('listNotifications', 'GET', `/agents/${h.agentId}/notifications?status=pending&user_id=user-123`);
  await op('consumeNotification', 'POST', `/agents/${h.agentId}/notifications/${note.message_id}/consume`);
  await op('getNotificationHistory', 'GET', `/agents/${h.agentId}/notifications/history?limit=10`);
  const list = await op('listProjectNotifications', 'GET', `/projects/${p}/notifications`);
  await op('acknowledgeProjectNotifications', 'POST', `/projects/${p}/notifications/acknowledge`, {
    notification_ids: [list.json.notifications[0].notification_id],
  });
  await op(
    'acknowledgeAllProjectNotifications',
    'POST',
    `/projects/${p}/notifications/acknowledge-all?agent_id=${h.agentId}`,
  );
  await op('scheduleWakeup', 'POST', `/agents/${h.agentId}/wakeups`, {
    user_id: 'user-123',
    check_type: 'interest_check',
    intent: 'ask about the interview',
    delay_hours: 2,
  });
  await op('listWakeups', 'GET', `/agents/${h.agentId}/wakeups`);
  await op('workbenchAdvanceTime', 'POST', '/workbench/advance-time', { simulated_hours: 3, agent_id: h.agentId });
  const job = await op('workbenchAdvanceTime', 'POST', '/workbench/advance-time', { simulated_hours: 1, async: true });
  await new Promise((r) => setTimeout(r, 50));
  await op('workbenchGetAdvanceTimeJob', 'GET', `/workbench/advance-time/jobs/${job.json.job_id}`);
  await op('deleteAgent', 'DELETE', `/agents/${agent.json.agent_id}`);
  await op('deleteProject', 'DELETE', `/projects/${p2}`);
});
afterAll(async () => {
  await h.close();
});

describe('every operation answers with its published response schema', () => {
  it('exercised all 31 operations (the neighbour operations: neighbours.test.ts)', () => {
    expect(ops.size).toBe(31 + NEIGHBOUR_OPERATIONS.size);
    expect([...ops.keys()].filter((id) => !seen.has(id) && !NEIGHBOUR_OPERATIONS.has(id))).toEqual([]);
  });

  it.each([...ops.keys()])('%s', (operationId) => {
    const info = ops.get(operationId)!;
    for (const a of seen.get(operationId) ?? []) {
      expect(a.status, a.text).toBeLessThan(300);
      if (a.status === 204) {
        expect(a.text).toBe('');
        expect(info.op.responses['204']).toBeDefined();
        continue;
      }
      const schema =
        operationId === 'workbenchAdvanceTime'
          ? {
              $ref: `sonzai.json#/components/schemas/${a.status === 202 ? 'WorkbenchAdvanceTimeJobBody' : 'WorkbenchAdvanceTimeResponse'}`,
            }
          : responseSchema(info, a.status);
      expect(schema, `${operationId} ${a.status}`).toBeDefined();
      const validate = ajv.compile(schema!);
      const ok = validate(a.json);
      expect(ok, `${operationId}: ${JSON.stringify(validate.errors)}\n${a.text}`).toBe(true);
    }
  });

  it('errors validate against ErrorModel (plus the SDK-friendly error/message keys)', async () => {
    const validate = ajv.compile({ $ref: 'sonzai.json#/components/schemas/ErrorModel' });
    for (const a of [
      await h.api('GET', '/webhooks', { key: null }),
      await h.api('PUT', '/webhooks/x', { body: { nope: 1 } }),
      await h.api('GET', '/agents/ghost'),
    ]) {
      const { error, message, ...rest } = a.json;
      expect(error).toBe(rest.detail);
      expect(message).toBe(rest.detail);
      expect(validate(rest), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('serves its OpenAPI document (the same schemas it validates with) and each schema', async () => {
    const doc = await h.api('GET', '/openapi.json', { key: null });
    expect(doc.status).toBe(200);
    expect(doc.json.components.schemas).toEqual(SONZAI_DOC.components.schemas);
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(Object.keys(SONZAI_DOC.paths)));
    expect(doc.json.paths['/projects/{projectId}/keys/{keyId}'].delete['x-studio-extension']).toBeUndefined();
    const one = await h.api('GET', '/schemas/Webhook.json', { key: null });
    expect(one.json.properties).toEqual(SONZAI_DOC.components.schemas.Webhook.properties);
    const none = await h.api('GET', '/schemas/Nope.json', { key: null });
    expect(none.status).toBe(404);
  });
});
