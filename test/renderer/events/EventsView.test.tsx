import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../src/shared/contract';
import type { StudioClient } from '../../../src/shared/rpc-client';
import { EventsView } from '../../../src/renderer/src/features/events/EventsView';
import { useEvents } from '../../../src/renderer/src/features/events/store';
import { useStudio } from '../../../src/renderer/src/store/studio';

const SIG = 't=1700000000,v1=6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a';
const moodSchema = { type: 'object' };

/** A studio that answers the events contract from memory and records every call. */
function fakeStudio() {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const listeners = new Set<(e: AnyEvent) => void>();
  const custom: Record<string, unknown>[] = [];
  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'events.types.create': (p) => {
      if (p.type === 'agent.message') throw new Error('agent.message is a built-in type and cannot be redefined');
      const e = {
        type: p.type,
        family: 'custom',
        kind: 'envelope',
        description: p.description,
        dataSchema: p.schema,
        payloadSchema: {},
      };
      custom.push(e);
      return e;
    },
    'events.catalog': () => ({
      types: [
        ...custom,
        {
          type: 'agent.message',
          family: 'documented',
          kind: 'envelope',
          description: 'A proactive message',
          dataSchema: {},
          payloadSchema: {},
        },
        {
          type: 'agent.mood_change',
          family: 'documented',
          kind: 'envelope',
          description: 'Mood shifted',
          dataSchema: moodSchema,
          payloadSchema: {},
        },
        {
          type: 'on_wakeup_ready',
          family: 'sdk',
          kind: 'flat-no-user',
          description: 'Wakeup ready',
          dataSchema: {},
          payloadSchema: {},
        },
      ],
    }),
    'events.targets': () => ({
      projects: [{ projectId: 'p1', name: 'Default project', isDefault: true }],
      agents: [{ agentId: 'a1', name: 'Aiko', language: 'en' }],
      projectId: 'p1',
      defaultUserId: 'user_demo',
    }),
    'scenarios.list': () => ({
      scenarios: [
        {
          name: 'flaky handler',
          description: 'injected 500s',
          builtIn: true,
          steps: [{ eventType: 'agent.message', delayMs: 0 }],
          updatedAt: null,
        },
      ],
    }),
    'events.template.get': (p) => ({
      eventType: p.eventType,
      data:
        p.eventType === 'agent.mood_change'
          ? { current: { happiness: 40 }, reason: 'rain' }
          : { content: 'Hello there' },
      saved: false,
      updatedAt: null,
    }),
    'events.template.validate': (p) => {
      const d = p.data as { current?: { happiness?: number } };
      return {
        issues:
          (d.current?.happiness ?? 0) > 100
            ? [{ path: '$.current.happiness', pointer: '/current/happiness', message: 'must be <= 100' }]
            : [],
      };
    },
    'events.preview': (p) => {
      const body = JSON.stringify({ event_id: 'e-1', event_type: p.eventType, data: p.data });
      return {
        eventId: 'e-1',
        eventType: p.eventType,
        projectId: 'p1',
        agentId: 'a1',
        userId: 'user_demo',
        body,
        bytes: body.length,
        origin: 'data',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'Sonzai-Signature', value: SIG },
        ],
        webhook: { webhookId: 'w1', url: 'http://127.0.0.1:3000/hook', secretId: 's1' },
        note: null,
        issues: [],
      };
    },
    'events.fire': (p) => ({
      eventId: 'e-1',
      eventType: p.eventType,
      bytes: 10,
      deliveries: [{ deliveryId: 'd1', webhookId: 'w1', webhookUrl: 'http://127.0.0.1:3000/hook' }],
      issues: [],
    }),
    'events.burst.start': (p) => ({ burstId: 'b1', total: p.count }),
    'events.burst.cancel': () => ({ cancelled: true }),
    'deliveries.list': () => ({
      deliveries: [scenarioRow('e9', 'd9', 'retrying', 500), scenarioRow('e8', 'd8', 'delivered', 200)],
      nextCursor: null,
    }),
    'deliveries.counts': () => ({ deliveries: 260, delivered: 250, failing: 8, retrying: 5, attempts: 275 }),
    'scenarios.run': () => ({ runId: 'r1', scenario: 'flaky handler', total: 1 }),
  };
  const client: StudioClient = {
    call: (async (method: string, params?: Record<string, unknown>) => {
      calls.push({ method, params: params ?? {} });
      const h = handlers[method];
      if (!h) throw new Error(`unexpected call ${method}`);
      return h(params ?? {});
    }) as StudioClient['call'],
    on: ((event: string, cb: (p: unknown) => void) => {
      const l = (e: AnyEvent) => e.event === event && cb(e.payload);
      listeners.add(l);
      return () => listeners.delete(l);
    }) as StudioClient['on'],
    onAny: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    failPending: () => {},
  };
  const emit = (e: AnyEvent) => act(() => listeners.forEach((l) => l(e)));
  return { client, calls, emit };
}

let studio: ReturnType<typeof fakeStudio>;
beforeEach(() => {
  studio = fakeStudio();
  useEvents.setState(useEvents.getInitialState(), true);
  useStudio.setState({ client: studio.client, connection: 'connected' });
});

const editor = () => screen.getByLabelText('Event data JSON') as HTMLTextAreaElement;

function scenarioRow(eventId: string, deliveryId: string, state: 'delivered' | 'retrying', code: number) {
  return {
    seq: 1,
    deliveryId,
    eventId,
    projectId: 'p1',
    eventType: 'agent.message',
    webhookUrl: 'http://127.0.0.1:3000/hook',
    state,
    tries: 1,
    replays: 0,
    last: {
      attemptId: `a-${eventId}`,
      status: code === 200 ? 'success' : 'failed',
      responseCode: code,
      durationMs: 5,
      createdAt: '2026-01-01T00:00:00.000Z',
      kind: 'delivery',
    },
    nextAttemptAt: null,
    source: 'scenario',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('Events view', () => {
  it('lists the catalog by family and loads the picked type’s template into the editor', async () => {
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    expect(screen.getByText('Documented agent.* events')).toBeTruthy();
    expect(screen.getByText('SDK proactive events')).toBeTruthy();
    fireEvent.click(screen.getByRole('option', { name: /agent\.mood_change/ }));
    await waitFor(() => expect(editor().value).toContain('"happiness": 40'));
    expect(screen.getByRole('option', { name: /agent\.mood_change/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows broken JSON with its line, and schema errors with their path, inline', async () => {
    render(<EventsView />);
    fireEvent.click(await screen.findByRole('option', { name: /agent\.mood_change/ }));
    await waitFor(() => expect(editor().value).toContain('happiness'));
    fireEvent.change(editor(), { target: { value: '{\n  "current": {\n    "happiness": \n}' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Invalid JSON at line 4/);
    fireEvent.change(editor(), { target: { value: '{"current": {"happiness": 140}, "reason": "x"}' } });
    const issues = await screen.findByRole('alert', { name: 'Schema errors' }, { timeout: 2000 });
    expect(issues.textContent).toContain('$.current.happiness');
    expect(issues.textContent).toContain('must be <= 100');
    fireEvent.click(within(issues).getByRole('button', { name: 'line 1' }));
    expect(document.activeElement).toBe(editor());
    fireEvent.change(editor(), { target: { value: '{"current": {"happiness": 90}, "reason": "x"}' } });
    await screen.findByText(/Matches the agent.mood_change schema/, undefined, { timeout: 2000 });
  });

  it('previews the exact request with its signature, then fires exactly those bytes', async () => {
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    fireEvent.click(screen.getByRole('button', { name: 'Preview request' }));
    const preview = await screen.findByLabelText('Request preview');
    expect(within(preview).getByTestId('header-Sonzai-Signature').textContent).toBe(SIG);
    expect(within(preview).getByText('http://127.0.0.1:3000/hook')).toBeTruthy();
    const raw = within(preview).getByTestId('preview-raw').textContent!;
    fireEvent.click(screen.getByRole('button', { name: 'Fire these exact bytes' }));
    const fired = await screen.findByRole('status', { name: 'Fired' });
    expect(fired.textContent).toContain('1 delivery');
    expect(fired.textContent).toContain('http://127.0.0.1:3000/hook');
    const fire = studio.calls.find((c) => c.method === 'events.fire')!;
    expect(fire.params).toEqual({ eventType: 'agent.message', projectId: 'p1', body: raw });
  });

  it('runs a burst with a live progress bar and cancel', async () => {
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    fireEvent.change(screen.getByLabelText('Burst count'), { target: { value: '1000' } });
    fireEvent.change(screen.getByLabelText('Burst rate'), { target: { value: '200' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start burst' }));
    await waitFor(() => expect(studio.calls.some((c) => c.method === 'events.burst.start')).toBe(true));
    expect(studio.calls.find((c) => c.method === 'events.burst.start')!.params).toMatchObject({
      count: 1000,
      rate: 200,
      fresh: true,
      reportIds: true,
    });
    studio.emit({
      event: 'burst.progress',
      payload: {
        burstId: 'b1',
        eventType: 'agent.message',
        total: 1000,
        fired: 250,
        deliveries: 250,
        state: 'running',
        elapsedMs: 1250,
        eventIds: ['ev-first', 'ev-250'],
      },
    });
    // What its deliveries became, counted by the store: not only "sent".
    const outcome = await screen.findByTestId('burst-outcome');
    expect(outcome.textContent).toBe('✓ 250 delivered · ↻ 5 retrying · ✗ 3 failed of 260 deliveries');
    expect(studio.calls.find((c) => c.method === 'deliveries.counts')!.params).toEqual({
      filter: { source: 'burst', eventType: 'agent.message', fromEvent: 'ev-first' },
    });
    const bar = await screen.findByRole('progressbar', { name: 'Burst progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('250'));
    expect(screen.getByText(/250 \/ 1,000 agent.message · 250 deliveries · 200\/s · running/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(studio.calls.some((c) => c.method === 'events.burst.cancel' && c.params.burstId === 'b1')).toBe(true),
    );
    studio.emit({
      event: 'burst.progress',
      payload: {
        burstId: 'b1',
        eventType: 'agent.message',
        total: 1000,
        fired: 260,
        deliveries: 260,
        state: 'cancelled',
        elapsedMs: 1300,
        eventIds: ['ev-260'],
      },
    });
    await screen.findByText(/260 \/ 1,000.*cancelled/);
    // Once it ends, the count is bounded by its last event.
    await waitFor(() =>
      expect(studio.calls.filter((c) => c.method === 'deliveries.counts').at(-1)!.params).toEqual({
        filter: { source: 'burst', eventType: 'agent.message', fromEvent: 'ev-first', toEvent: 'ev-260' },
      }),
    );
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('runs a scenario and shows its progress', async () => {
    render(<EventsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run flaky handler' }));
    await waitFor(() => expect(studio.calls.some((c) => c.method === 'scenarios.run')).toBe(true));
    expect(studio.calls.find((c) => c.method === 'scenarios.run')!.params).toMatchObject({
      name: 'flaky handler',
      projectId: 'p1',
      userId: 'user_demo',
    });
    studio.emit({
      event: 'scenario.progress',
      payload: {
        runId: 'r1',
        scenario: 'flaky handler',
        total: 2,
        done: 1,
        state: 'running',
        step: { index: 0, eventType: 'agent.message', eventId: 'e8', deliveries: 1, note: null },
      },
    });
    studio.emit({
      event: 'scenario.progress',
      payload: {
        runId: 'r1',
        scenario: 'flaky handler',
        total: 2,
        done: 2,
        state: 'done',
        step: { index: 1, eventType: 'agent.message', eventId: 'e9', deliveries: 1, note: 'A normal delivery first' },
      },
    });
    await screen.findByText(/flaky handler: 2\/2 · done · last: agent.message — A normal delivery first/);
    // Each step's deliveries, and the run's delivered / retrying / failed counts.
    await waitFor(() =>
      expect(screen.getByTestId('scenario-outcome').textContent).toBe('✓ 1 delivered · ↻ 1 retrying · ✗ 0 failed'),
    );
    const rows = screen.getAllByTestId('scenario-step');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('delivered ← 200'),
      expect.stringContaining('retrying ← 500'),
    ]);
    expect(studio.calls.filter((c) => c.method === 'deliveries.list').at(-1)!.params).toMatchObject({
      filter: { source: 'scenario', fromEvent: 'e8', toEvent: 'e9' },
    });
  });

  it('creates a custom type from the sidebar, shows refusals inline, and selects the new type', async () => {
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    fireEvent.click(screen.getByText('New custom type'));
    const form = screen.getByRole('form', { name: 'New custom event type' });
    fireEvent.change(within(form).getByLabelText('Type name'), { target: { value: 'agent.message' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create type' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('built-in type');
    fireEvent.change(within(form).getByLabelText('Type name'), { target: { value: 'session.end' } });
    fireEvent.change(within(form).getByLabelText('Sample data'), { target: { value: '{"duration_s": 42' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create type' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/Sample: Invalid JSON at line 1/);
    fireEvent.change(within(form).getByLabelText('Sample data'), { target: { value: '{"duration_s": 42}' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create type' }));
    const option = await screen.findByRole('option', { name: /session\.end/ });
    await waitFor(() => expect(option.getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByText('Custom types')).toBeTruthy();
    expect(
      studio.calls.find((c) => c.method === 'events.types.create' && c.params.type === 'session.end')!.params,
    ).toMatchObject({
      sample: { duration_s: 42 },
      schema: { type: 'object' },
    });
  });
});
