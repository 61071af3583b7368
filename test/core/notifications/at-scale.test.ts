import { afterEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/core/index';
import { createStudioClient } from '../../../src/shared/rpc-client';
import { proactiveOn } from '../api/fixtures';
import { tempDir } from '../../helpers/tmp';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

describe('notifications at scale (real store)', () => {
  it('counts 1,000 pending from the store, pages, consumes and acknowledges all, and returns the clock to real time', async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const client = createStudioClient(studio.connectInMemory());
    const { projectId, agentId } = studio.status();
    const proactive = proactiveOn(studio.context.db);
    studio.context.db.transaction(() => {
      for (let i = 0; i < 1200; i++)
        proactive.createProactiveNotification({
          projectId,
          agentId,
          userId: i < 1000 ? 'user-a' : 'user-b',
          checkType: 'interest_check',
          generatedMessage: `message ${i}`,
        });
      for (let i = 0; i < 1000; i++)
        proactive.createProjectNotification({ projectId, eventType: 'agent.message', payload: { i } });
    })();
    // A page holds 200 rows; the counts come from the store.
    const first = await client.call('proactive.overview', { limit: 200 });
    expect(first.proactive).toHaveLength(200);
    expect(first.counts).toMatchObject({
      proactive: 1200,
      proactivePending: 1200,
      projectNotifications: 1000,
      projectNotificationsPending: 1000,
    });
    const page2 = await client.call('proactive.overview', { limit: 200, proactiveOffset: 200 });
    expect(new Set([...first.proactive, ...page2.proactive].map((n) => n.messageId)).size).toBe(400);

    expect(await client.call('proactive.consumeAll', { userId: 'user-b' })).toEqual({ consumed: 200 });
    const mid = await client.call('proactive.overview', { userId: 'user-a' });
    expect(mid.counts).toMatchObject({ proactive: 1000, proactivePending: 1000 });
    expect(await client.call('proactive.consumeAll', {})).toEqual({ consumed: 1000 });
    expect(await client.call('proactive.acknowledgeAll', {})).toEqual({ acknowledged: 1000 });
    const after = await client.call('proactive.overview', {});
    expect(after.counts).toMatchObject({ proactivePending: 0, projectNotificationsPending: 0, proactive: 1200 });

    const ahead = await client.call('clock.advance', { ms: 86_400_000 });
    expect(ahead.clock.offsetMs).toBe(86_400_000);
    const back = await client.call('clock.reset', {});
    expect(back.offsetMs).toBe(0);
    expect(Math.abs(Date.parse(back.now) - Date.now())).toBeLessThan(5_000);
    await expect(client.call('proactive.overview', { proactiveOffset: -1 } as never)).rejects.toThrow();
  }, 30_000);
});
