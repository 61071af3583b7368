import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings as DS } from '../../../src/shared/delivery-settings';
import type { StudioClient } from '../../../src/shared/rpc-client';
import { useStudio } from '../../../src/renderer/src/store/studio';
import { DeliverySettings } from '../../../src/renderer/src/features/delivery-settings/DeliverySettings';
import { useDeliverySettings } from '../../../src/renderer/src/features/delivery-settings/store';

const hook = {
  webhookId: 'w1',
  projectId: 'p',
  eventType: 'agent.message',
  webhookUrl: 'http://localhost:3000/hooks',
  isActive: true,
  injection: null,
};

function fakeClient(over: Record<string, (p: Record<string, unknown>) => unknown> = {}) {
  let settings: DS = { ...DEFAULT_DELIVERY_SETTINGS };
  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'delivery.settings.get': () => settings,
    'delivery.settings.set': (p) => (settings = { ...settings, ...(p.patch as object) }),
    'delivery.injection.get': () => ({ webhooks: [hook], truncated: false }),
    'delivery.injection.set': (p) => ({ webhookId: p.webhookId, injection: p.injection }),
    ...over,
  };
  const call = vi.fn(async (method: string, params?: unknown) =>
    handlers[method]!((params ?? {}) as Record<string, unknown>),
  );
  const client = { call, on: () => () => {}, onAny: () => () => {}, failPending: () => {} } as unknown as StudioClient;
  useStudio.setState({ client, connection: 'connected' });
  return call;
}

beforeEach(() => {
  useDeliverySettings.setState({ settings: null, webhooks: [], truncated: false, error: null, saved: false });
});

describe('DeliverySettings', () => {
  it('shows the current settings and saves a changed timeout on Enter', async () => {
    const call = fakeClient();
    render(<DeliverySettings />);
    const timeout = (await screen.findByLabelText('Timeout')) as HTMLInputElement;
    expect(timeout.value).toBe('10000');
    fireEvent.change(timeout, { target: { value: '2500' } });
    fireEvent.keyDown(timeout, { key: 'Enter' });
    await waitFor(() => expect(call).toHaveBeenCalledWith('delivery.settings.set', { patch: { timeoutMs: 2500 } }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved'));
  });

  it('refuses an out-of-range value inline without saving', async () => {
    const call = fakeClient();
    render(<DeliverySettings />);
    const endpoint = await screen.findByLabelText('Per endpoint');
    fireEvent.change(endpoint, { target: { value: '1000' } });
    fireEvent.blur(endpoint);
    expect(await screen.findByText('between 1 and 64')).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('delivery.settings.set', expect.anything());
  });

  it('switches to a custom schedule and saves delays typed in seconds', async () => {
    const call = fakeClient();
    render(<DeliverySettings />);
    fireEvent.change(await screen.findByLabelText('Schedule'), { target: { value: 'custom' } });
    const delays = await screen.findByLabelText('Delays');
    fireEvent.change(delays, { target: { value: '1, 2.5, 60' } });
    fireEvent.blur(delays);
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('delivery.settings.set', { patch: { customDelaysMs: [1000, 2500, 60000] } }),
    );
  });

  it('overrides one webhook’s injection and can remove the override', async () => {
    const call = fakeClient();
    render(<DeliverySettings />);
    fireEvent.change(await screen.findByLabelText('Webhook'), { target: { value: 'w1' } });
    const drops = screen.getAllByLabelText('Drop');
    const hookDrop = drops[drops.length - 1]!;
    fireEvent.change(hookDrop, { target: { value: '50' } });
    fireEvent.keyDown(hookDrop, { key: 'Enter' });
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('delivery.injection.set', { webhookId: 'w1', injection: { dropRate: 0.5 } }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use the global setting' }));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('delivery.injection.set', { webhookId: 'w1', injection: null }),
    );
  });

  it('says how to get a webhook when there is none, and shows load errors', async () => {
    fakeClient({ 'delivery.injection.get': () => ({ webhooks: [], truncated: false }) });
    const { unmount } = render(<DeliverySettings />);
    expect(await screen.findByText(/No webhooks yet/)).toBeTruthy();
    unmount();
    useDeliverySettings.setState({ settings: null });
    fakeClient({
      'delivery.settings.get': () => {
        throw new Error('studio unreachable');
      },
    });
    render(<DeliverySettings />);
    expect((await screen.findByRole('alert')).textContent).toContain('studio unreachable');
  });
});
