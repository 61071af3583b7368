import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings as DS } from '../../../src/shared/delivery-settings';
import { setLanguage } from '../../../src/renderer/src/i18n';
import { DeliverySettings } from '../../../src/renderer/src/features/delivery-settings/DeliverySettings';
import { useDeliverySettings } from '../../../src/renderer/src/features/delivery-settings/store';
import { installFakeClient } from '../fake-client';

/** The delivery settings in Japanese and Chinese: labels, hints, schedules in the locale's units, live switching. */
const hooks = [
  {
    webhookId: 'w1',
    projectId: 'p',
    eventType: 'agent.message',
    webhookUrl: 'http://localhost:3000/hooks',
    isActive: false,
    injection: { dropRate: 0.5 },
  },
];

function connect(settings: Partial<DS> = {}) {
  let current: DS = { ...DEFAULT_DELIVERY_SETTINGS, ...settings };
  return installFakeClient({
    'delivery.settings.get': () => current,
    'delivery.settings.set': (p) => (current = { ...current, ...(p.patch as object) }),
    'delivery.injection.get': () => ({ webhooks: hooks, truncated: true }),
    'delivery.injection.set': (p) => ({ webhookId: p.webhookId, injection: p.injection }),
  });
}

// setLanguage switches i18next and the locale `format.ts` follows, as the Settings screen does.
const switchTo = (lang: 'en' | 'ja' | 'zh') =>
  act(async () => {
    setLanguage(lang);
  });

beforeEach(() => {
  useDeliverySettings.setState({ settings: null, webhooks: [], truncated: false, error: null, saved: false });
});
afterEach(async () => {
  await switchTo('en');
});

describe('DeliverySettings in other languages', () => {
  it('shows Japanese labels, hints, schedules with Japanese units, and interpolated values', async () => {
    connect();
    await switchTo('ja');
    render(<DeliverySettings />);
    expect(await screen.findByRole('heading', { name: '配信', level: 2 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '再試行' })).toBeTruthy();
    const timeout = screen.getByLabelText('タイムアウト') as HTMLInputElement;
    expect(timeout.value).toBe('10000');
    expect(screen.getByText('レスポンス全体に対する時間です。')).toBeTruthy();

    const schedule = screen.getByLabelText('スケジュール') as HTMLSelectElement;
    const options = [...schedule.options].map((o) => o.textContent);
    expect(options).toEqual([
      '高速（開発用）：5 秒、15 秒、1 分、5 分',
      '本番相当：1 分、5 分、30 分、2 時間、6 時間、12 時間',
      'カスタム間隔',
    ]);

    // The per-webhook list: an interpolated option and the grouped count of the truncation note.
    const hook = screen.getByLabelText('Webhook') as HTMLSelectElement;
    expect(hook.options[1]!.textContent).toBe('agent.message → http://localhost:3000/hooks（上書き済み・無効）');
    expect(screen.getByText('最初の 500 件を表示しています')).toBeTruthy();

    // A value out of range is refused in Japanese, its bounds interpolated.
    const endpoint = screen.getByLabelText('エンドポイントごと');
    fireEvent.change(endpoint, { target: { value: '1000' } });
    fireEvent.blur(endpoint);
    expect(await screen.findByText('1〜64 の範囲で入力してください。')).toBeTruthy();
  });

  it('switches live to Chinese, including a problem and the saved note already shown', async () => {
    connect();
    render(<DeliverySettings />);
    const timeout = await screen.findByLabelText('Timeout');
    fireEvent.change(timeout, { target: { value: '5' } });
    fireEvent.blur(timeout);
    expect(await screen.findByText('between 100 and 120,000')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Max attempts'), { target: { value: '7' } });
    fireEvent.keyDown(screen.getByLabelText('Max attempts'), { key: 'Enter' });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Saved. Applies to the next delivery attempt.'),
    );

    await switchTo('zh');
    expect(screen.getByRole('heading', { name: '投递', level: 2 })).toBeTruthy();
    expect(screen.getByLabelText('超时')).toBeTruthy();
    expect(screen.getByText('介于 100 和 120,000 之间')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('已保存。将应用于下一次投递尝试。');
    const schedule = screen.getByLabelText('计划') as HTMLSelectElement;
    expect(schedule.options[0]!.textContent).toBe('快速（开发）：5秒、15秒、1分钟、5分钟');
    expect(screen.getAllByText('毫秒').length).toBeGreaterThan(0);
  });

  it('words the custom delays problem in the language shown', async () => {
    connect({ schedule: 'custom' });
    await switchTo('ja');
    render(<DeliverySettings />);
    const delays = await screen.findByLabelText('間隔');
    fireEvent.change(delays, { target: { value: 'soon' } });
    fireEvent.blur(delays);
    expect(
      await screen.findByText('秒単位の間隔を 1〜20 個、カンマ区切りで入力してください（それぞれ最大 7 日）。'),
    ).toBeTruthy();
    await switchTo('zh');
    expect(screen.getByText('1 到 20 个以秒为单位的间隔，逗号分隔，每个最多 7 天')).toBeTruthy();
  });
});
