import { act, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIAGNOSIS_REASONS, type Diagnosis } from '../../../src/shared/contract/inspector';
import { SignaturesView } from '../../../src/renderer/src/features/signatures/SignaturesView';
import { useSignatures } from '../../../src/renderer/src/features/signatures/store';
import { dateTime, setFormatLocale } from '../../../src/renderer/src/format';
import { intlLocale } from '../../../src/renderer/src/i18n';
import { installFakeClient } from '../fake-client';
import { DIAGNOSIS_CASES } from '../../fixtures/diagnosis-cases';

// The core's real diagnoses (test/fixtures/diagnosis-cases.ts, checked against diagnose() by the core's tests),
// said by the panel from their reason and facts.
const T = 1_700_000_000;
const BODY = '{"event_type":"agent.message","data":{"text":"hi","n":1,"tags":["a"]}}';
const diagnosis = (name: string): Diagnosis => {
  const c = DIAGNOSIS_CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  return c.expected;
};

function show(d: Diagnosis) {
  act(() => useSignatures.setState({ result: d, error: null }));
  const verdict = screen.getByRole('status', { name: /Verdict|判定|结论/ });
  const [headline, message, ...notes] = [...verdict.children[1].children].map((e) => e.textContent ?? '');
  return { verdict, headline, message, notes: notes.filter((n) => n.startsWith('· ')).map((n) => n.slice(2)) };
}

function language(lang: 'en' | 'ja' | 'zh') {
  return act(async () => {
    setFormatLocale(intlLocale(lang, navigator.languages ?? []));
    await i18next.changeLanguage(lang);
  });
}

beforeEach(() => {
  installFakeClient({
    'signature.webhooks': () => ({ webhooks: [] }),
    'signature.snippets': () => ({
      snippets: [{ language: 'node', filename: 'sonzai-webhook.mjs', code: '// node code' }],
    }),
  });
  useSignatures.setState({ body: '', header: '', secret: '', webhookId: '', tolerance: '300', result: null });
});
afterEach(async () => {
  await language('en');
});

describe('a diagnosis, said from its reason and facts', () => {
  it('in English, says exactly what the core says', () => {
    render(<SignaturesView />);
    const reasons = new Set<string>();
    for (const { name, expected: d } of DIAGNOSIS_CASES) {
      expect(d.facts, name).toBeDefined();
      reasons.add(d.reason);
      const said = show(d);
      expect(said.headline, name).not.toBe(d.reason);
      expect(said.notes, name).toEqual(d.notes);
      // The one difference: a time is shown as a date in the UI's locale, not as ISO.
      const rotatedAt = d.facts?.secretRotatedAt;
      const message =
        d.reason === 'rotated_secret' && rotatedAt ? d.message.replace(rotatedAt, dateTime(rotatedAt)) : d.message;
      expect(said.message, name).toBe(message);
    }
    expect([...reasons].sort()).toEqual([...DIAGNOSIS_REASONS].sort());
  });

  it('in Japanese: the headline, the sentence with its numbers, and the notes', async () => {
    render(<SignaturesView />);
    await language('ja');
    const old = show(diagnosis('too old, in minutes'));
    expect(old.headline).toBe('タイムスタンプが許容範囲外（古すぎる）');
    expect(old.message).toMatch(/^タイムスタンプが許容範囲外です。15\s?分（900 秒）前に署名されており、/);
    expect(old.message).toMatch(/許容誤差 300 秒を 10\s?分（600 秒）超えています。$/);
    expect(old.notes).toEqual([
      'HMAC 自体は正しいです。検証側の時計を確認してください。または、古いリクエストがリプレイされています。',
    ]);
    expect(old.verdict.className).toContain('verdict-bad');

    const changed = show(diagnosis('a value changed'));
    expect(changed.headline).toBe('本文が変更されています');
    expect(changed.message).toBe('本文は署名後に変更されています。$.data.n で 1 が 2 になっています。');
    const n = new TextEncoder().encode(BODY).length;
    expect(changed.notes).toEqual([`署名されたのは ${n} バイト、検証しているのは ${n} バイトです。`]);

    const svix = show(diagnosis('a Svix header'));
    expect(svix.message).toBe('ヘッダーの形式が不正です。「v1」は key=value の形ではありません。');
    expect(svix.notes[1]).toBe('想定される形式: Sonzai-Signature: t=<unix seconds>,v1=<64 hex chars>');
  });

  it('in Chinese: lists how a body was re-serialised, and names the other secret', async () => {
    render(<SignaturesView />);
    await language('zh');
    const reser = show(diagnosis('re-serialised, unicode escaped'));
    expect(reser.headline).toBe('正文被重新序列化');
    expect(reser.message).toContain('（空白、Unicode 转义）');
    const wrong = show(diagnosis('an old secret of another webhook'));
    expect(wrong.message).toBe('密钥错误：此请求由 agent.wakeup Webhook 的旧密钥 whsec_fixe…y123 签名。');
    const rotatedAt = '2026-01-02T00:00:00Z';
    const rotated = show(diagnosis('rotated since'));
    expect(rotated.headline).toBe('密钥已在此后轮换');
    expect(rotated.message).toBe(
      `此请求由之后已轮换的密钥签名（agent.message Webhook 的旧密钥 whsec_fixe…y123，轮换于 ${dateTime(rotatedAt)}）；请使用 Webhook 的当前密钥。`,
    );
    expect(dateTime(rotatedAt)).toMatch(/2026/);
  });

  it('keeps the English detail, marked as English, when a core gives no facts', async () => {
    render(<SignaturesView />);
    await language('ja');
    const said = show({
      ok: false,
      reason: 'prefix_not_stripped',
      message: 'the whsec_ prefix was not stripped',
      notes: ['a note'],
      timestamp: T,
      expectedHmac: 'e'.repeat(64),
      receivedHmacs: [],
    });
    expect(said.headline).toBe('whsec_ プレフィックスが除去されていません');
    expect(said.message).toBe('the whsec_ prefix was not stripped');
    expect(within(said.verdict).getByText('the whsec_ prefix was not stripped').getAttribute('lang')).toBe('en');
    expect(said.verdict.textContent).toContain(`期待値 v1=${'e'.repeat(64)}`);
  });
});

describe('the Signatures area in Japanese', () => {
  it('translates the form, the snippets and the errors', async () => {
    render(<SignaturesView />);
    await language('ja');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('署名');
    expect(screen.getByRole('form', { name: '署名を検証' })).toBeTruthy();
    expect(screen.getByLabelText('生の本文')).toBeTruthy();
    expect(screen.getByRole('button', { name: '検証' })).toBeTruthy();
    await act(async () => useSignatures.getState().verify());
    expect(screen.getByRole('alert').textContent).toBe('シークレットを貼り付けるか、Webhook を選択してください。');
    const snippets = screen.getByRole('region', { name: '検証スニペット' });
    const codes = [...snippets.querySelectorAll('p code')].map((c) => c.textContent);
    expect(codes).toEqual(['"<t>." + 生の本文', 'whsec_', 'v1=']);
    await screen.findByText('// node code');
    expect(screen.getByRole('button', { name: /^コードをコピー/ })).toBeTruthy();
  });
});
