import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../src/core/live/bus';

describe('event bus', () => {
  it('delivers every event to plain subscribers and only the named ones to filtered subscribers', () => {
    const bus = createEventBus();
    const all: string[] = [];
    const some: string[] = [];
    bus.subscribe((e) => all.push(e.event));
    bus.subscribe((e) => some.push(e.event), ['webhooks.changed']);
    bus.emit('webhooks.changed', { projectId: 'p' });
    bus.emit('apiRequest.logged', {
      seq: 1,
      requestId: 'r',
      method: 'GET',
      path: '/api/v1/webhooks',
      query: '',
      operationId: null,
      status: 200,
      durationMs: 1,
      projectId: null,
      lint: [],
      idempotentReplay: false,
      createdAt: '2026-11-24T00:00:00.000Z',
    });
    expect(all).toEqual(['webhooks.changed', 'apiRequest.logged']);
    // The filter tells emitters who wants what; delivery itself is unchanged.
    expect(some).toEqual(['webhooks.changed', 'apiRequest.logged']);
  });

  it('says whether anyone wants an event, so emitters can skip building it', () => {
    const bus = createEventBus();
    expect(bus.wants('apiRequest.logged')).toBe(false);
    const offSettings = bus.subscribe(() => {}, ['settings.changed']);
    expect(bus.wants('apiRequest.logged')).toBe(false);
    expect(bus.wants('settings.changed')).toBe(true);
    const offUi = bus.subscribe(() => {});
    expect(bus.wants('apiRequest.logged')).toBe(true);
    offUi();
    expect(bus.wants('apiRequest.logged')).toBe(false);
    offSettings();
    expect(bus.wants('settings.changed')).toBe(false);
  });

  it('a throwing listener does not stop the others', () => {
    const bus = createEventBus();
    const got: string[] = [];
    bus.subscribe(() => {
      throw new Error('broken');
    });
    bus.subscribe((e) => got.push(e.event));
    bus.emit('webhooks.changed', { projectId: 'p' });
    expect(got).toEqual(['webhooks.changed']);
  });
});
