import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { verdictText } from '../../../src/renderer/src/features/tunnel/CaptureList';
import { setFormatLocale } from '../../../src/renderer/src/format';
import type { CaptureSummary } from '../../../src/shared/contract/tunnel';

const verdict = (v: Partial<CaptureSummary['signature']>): CaptureSummary['signature'] => ({
  ok: false,
  code: 'no_match',
  message: 'the studio’s own English',
  secretId: null,
  webhookId: null,
  eventType: null,
  timestamp: null,
  checkedSecrets: 0,
  ...v,
});

afterEach(async () => {
  await i18next.changeLanguage('en');
  setFormatLocale(undefined);
});

describe('an inbox signature verdict, worded in the UI’s language from its code and facts', () => {
  it('says how many secrets were tried, in the plural each language has', async () => {
    expect(verdictText(verdict({ checkedSecrets: 1 }))).toBe(
      'no v1 matches the 1 known secret (body changed or another secret)',
    );
    expect(verdictText(verdict({ checkedSecrets: 3 }))).toBe(
      'no v1 matches any of 3 known secrets (body changed or another secret)',
    );
    await i18next.changeLanguage('zh');
    expect(verdictText(verdict({ checkedSecrets: 3 }))).toBe(
      'v1 与 3 个已知密钥均不匹配（正文已更改或使用了其他密钥）',
    );
  });

  it('names the secret and when the stale timestamp was, and never repeats the core’s mark', async () => {
    setFormatLocale('en-US', 'UTC');
    const old = verdict({ code: 'timestamp_too_old', secretId: 'sec_1', timestamp: 1_796_000_000 });
    expect(verdictText(old)).toBe('matches secret sec_1 but the timestamp (Nov 30, 2026, 00:53:20) is too old');
    const ok = verdict({ ok: true, code: 'valid', secretId: 'sec_1', eventType: 'agent.message' });
    expect(verdictText(ok)).toBe('signed with secret sec_1 (agent.message)');
    await i18next.changeLanguage('ja');
    expect(verdictText(verdict({ code: 'missing_header' }))).toBe('Sonzai-Signature ヘッダーがありません');
  });
});
