import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptDetail, SignatureInspection } from '../../../src/shared/contract/inspector';
import { DetailPane } from '../../../src/renderer/src/features/deliveries/DetailPane';
import { SignatureTab } from '../../../src/renderer/src/features/deliveries/SignatureTab';
import type { DetailTab } from '../../../src/renderer/src/features/deliveries/store';
import { dateTime, setFormatLocale } from '../../../src/renderer/src/format';
import { intlLocale } from '../../../src/renderer/src/i18n';
import { installFakeClient } from '../fake-client';
import { detailOf, summary } from './fixtures';

function language(lang: 'en' | 'ja' | 'zh') {
  return act(async () => {
    setFormatLocale(intlLocale(lang, navigator.languages ?? []));
    await i18next.changeLanguage(lang);
  });
}
afterEach(async () => {
  await language('en');
});

/** A detail whose pretty body is long enough to fold unchanged lines on both sides of an edit. */
function longDetail(): AttemptDetail {
  const d = detailOf(summary(3, { durationMs: 13 }));
  const data = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]));
  const body = JSON.stringify({ event_type: 'agent.message', data });
  return {
    ...d,
    request: { ...d.request, bodyText: body, bodyPretty: JSON.stringify(JSON.parse(body), null, 2) },
    response: { ...d.response, body: null },
  };
}

function pane(detail: AttemptDetail, over: { tab?: DetailTab; replayMode?: 'to' | 'edit' | null } = {}) {
  const onNotice = vi.fn();
  const onTab = vi.fn();
  const props = {
    detail,
    signature: null,
    tab: over.tab ?? ('request' as DetailTab),
    onTab,
    onOpen: vi.fn(),
    onReplay: vi.fn(),
    replayMode: over.replayMode ?? null,
    onReplayMode: vi.fn(),
    onNotice,
  };
  const view = render(<DetailPane {...props} />);
  return { ...view, onNotice, onTab, rerender: (tab: DetailTab) => view.rerender(<DetailPane {...props} tab={tab} />) };
}

const sig: SignatureInspection = {
  attemptId: 'att_3',
  header: `t=1700000000,v1=${'a'.repeat(64)}`,
  timestamp: 1_700_000_000,
  signedAt: '2023-11-14T22:13:20.000Z',
  signedString: '1700000000.{}',
  signers: [
    {
      secretId: 'sec_1',
      secretMasked: 'whsec_ab…yz',
      state: 'rotated',
      rotatedAt: '2026-01-02T00:00:00.000Z',
      computedHmac: 'a'.repeat(64),
      inHeader: true,
    },
  ],
  current: {
    ok: false,
    secretId: 'sec_2',
    computedHmac: 'b'.repeat(64),
    reason: 'signed with a secret rotated since (whsec_ab…yz, rotated 2026-01-02T00:00:00.000Z)',
  },
};

describe('the attempt detail', () => {
  it('in English: counts bytes and folded lines with plurals', () => {
    installFakeClient({ 'attempts.recentTargets': () => ({ targets: [] }) });
    pane(longDetail(), { replayMode: 'edit' });
    expect(screen.getByRole('region', { name: 'Attempt att_3' })).toBeTruthy();
    expect(screen.getByText(/· delivery #1 · 13 ms/)).toBeTruthy();
    const bytes = new TextEncoder().encode(longDetail().request.bodyText).length;
    expect(screen.getByText(`Request body · ${bytes} bytes`)).toBeTruthy();
    const editor = screen.getByRole('textbox', { name: 'Edited body' }) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: editor.value.replace('"k6": 6', '"k6": 60') } });
    const folds = [...screen.getByLabelText('Changes').querySelectorAll('.diff-fold')].map((f) => f.textContent);
    expect(folds).toEqual(['⋯ 7 unchanged lines', '⋯ 5 unchanged lines']);
    fireEvent.change(editor, { target: { value: editor.value.replace('"k0": 0', '"k0": 10') } });
    const first = screen.getByLabelText('Changes').querySelector('.diff-fold')?.textContent;
    expect(first).toBe('⋯ 1 unchanged line');
  });

  it('in Japanese: tabs, title, bodies, replay and its notice', async () => {
    const fake = installFakeClient({
      'attempts.recentTargets': () => ({ targets: [{ url: 'http://localhost:4000/h', local: true }] }),
      'attempts.replay': () => ({ attemptId: 'att_new' }),
    });
    await language('ja');
    const detail = longDetail();
    const { onNotice, rerender } = pane(detail, { replayMode: 'edit' });
    expect(screen.getByRole('region', { name: '試行 att_3' })).toBeTruthy();
    const tabs = within(screen.getByRole('tablist', { name: '試行の詳細' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['リクエスト', 'レスポンス', '署名', 'タイムライン1']);
    expect(screen.getByText(/· 配信 #1 · /)).toBeTruthy();
    expect(screen.getByRole('button', { name: '↻ リプレイ' }).getAttribute('title')).toBe('同じ URL にリプレイ (r)');
    const bytes = new TextEncoder().encode(detail.request.bodyText).length;
    expect(screen.getByText(`リクエスト本文 · ${bytes} バイト`)).toBeTruthy();
    expect(screen.getByRole('group', { name: 'リクエスト本文の表示' })).toBeTruthy();

    const dialog = screen.getByRole('dialog', { name: '編集してリプレイ' });
    expect(within(dialog).getByText('まだ変更はありません。元のバイト列がそのまま送信されます。')).toBeTruthy();
    const editor = within(dialog).getByRole('textbox', { name: '編集した本文' }) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: editor.value.replace('"k6": 6', '"k6": 60') } });
    const folds = [...within(dialog).getByLabelText('変更点').querySelectorAll('.diff-fold')].map((f) => f.textContent);
    expect(folds).toEqual(['⋯ 変更のない 7 行', '⋯ 変更のない 5 行']);
    fireEvent.change(editor, { target: { value: '{ broken' } });
    expect(within(dialog).getByText(/^JSON として正しくありません: /)).toBeTruthy();
    fireEvent.change(editor, { target: { value: editor.value.replace('{ broken', '{"a": 1}') } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'リプレイ' }));
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith('att_new としてリプレイしました'));
    expect(fake.call).toHaveBeenCalledWith('attempts.replay', { attemptId: 'att_3', body: '{"a":1}' });

    rerender('response');
    const status = screen.getByText('500', { selector: 'strong' }).parentElement!;
    expect(status.textContent).toMatch(/^ステータス 500（13 ms）$/);
    expect(screen.getByText('レスポンス本文はありません。')).toBeTruthy();
  });

  it('in Chinese: the signature tab, with the studio’s reason kept as its English detail', async () => {
    await language('zh');
    render(<SignatureTab s={sig} />);
    const verdict = screen.getByRole('status');
    expect(verdict.querySelector('strong')?.textContent).toBe('无法用当前密钥验证');
    expect(within(verdict).getByText(sig.current.reason).getAttribute('lang')).toBe('en');
    expect(screen.getByText('已轮换')).toBeTruthy();
    expect(screen.getByText(`轮换于 ${dateTime('2026-01-02T00:00:00.000Z')}`)).toBeTruthy();
    expect(screen.getByText(`（${dateTime(sig.signedAt)}）`)).toBeTruthy();
    expect(document.querySelector('.dl-signer')?.textContent).toContain(`HMAC ${'a'.repeat(64)} ✓ 在请求头中`);
    expect(screen.getByRole('heading', { name: '签名字符串' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '复制签名字符串' })).toBeTruthy();
  });

  it('in Japanese: an attempt without signature information, and OneInbox’s unsigned deliveries', async () => {
    await language('ja');
    render(<SignatureTab s={null} />);
    expect(screen.getByText('この試行には署名の情報がありません。')).toBeTruthy();
    pane(detailOf(summary(3, { platform: 'oneinbox' })), { tab: 'signature' });
    expect(screen.getByRole('status').textContent).toMatch(/^OneInbox は署名を定めていない/);
  });
});
