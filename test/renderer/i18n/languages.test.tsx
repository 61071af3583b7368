import { act, fireEvent, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/App';
import { intlLocale, languageFor } from '../../../src/renderer/src/i18n';
import { clockTime, count } from '../../../src/renderer/src/format';
import { attachClient, useStudio } from '../../../src/renderer/src/store/studio';
import type { Settings } from '../../../src/shared/settings';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { fakeClient } from '../fake-client';

describe('the language shown', () => {
  it('is the one chosen, else the first OS or browser language the studio speaks, else English', () => {
    expect(languageFor('system', ['ja-JP', 'en-US'])).toBe('ja');
    expect(languageFor('system', ['fr-FR', 'zh-TW', 'en'])).toBe('zh');
    expect(languageFor('system', ['fr-FR', 'de'])).toBe('en');
    expect(languageFor(undefined, [])).toBe('en');
    expect(languageFor('en', ['ja-JP'])).toBe('en');
    expect(languageFor('zh', ['en-GB'])).toBe('zh');
  });

  it('formats dates and numbers in its own locale, keeping the browser’s own English', () => {
    expect(intlLocale('en', ['en-GB', 'fr'])).toBe('en-GB');
    expect(intlLocale('en', ['ja-JP'])).toBe('en');
    expect(intlLocale('ja', ['en-US'])).toBe('ja-JP');
    expect(intlLocale('zh', ['zh-TW'])).toBe('zh-CN');
  });
});

describe('switching language in Settings', () => {
  let settings: Settings;
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    settings = { ...DEFAULT_SETTINGS };
    useStudio.setState({ client: null, status: null, settings: null, connection: 'connecting', area: 'settings' });
  });
  afterEach(async () => {
    await act(() => i18next.changeLanguage('en'));
  });

  it('changes every word live, keeps the choice in the studio’s settings, and formats follow', async () => {
    const { client, calls, emit } = fakeClient({
      'studio.status': () => null,
      'settings.get': () => settings,
      'settings.set': (p) => {
        settings = { ...settings, ...(p as { patch: Partial<Settings> }).patch };
        emit('settings.changed', settings);
        return settings;
      },
      'delivery.settings.get': () => settings.delivery,
    });
    useStudio.setState({ connection: 'connected' });
    attachClient(client);
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(within(nav).getByRole('button', { name: 'Settings' })).toBeTruthy();

    const select = await screen.findByRole('combobox', { name: 'Language' });
    await act(async () => fireEvent.change(select, { target: { value: 'ja' } }));

    expect(calls.find((c) => c.method === 'settings.set')?.params).toEqual({ patch: { language: 'ja' } });
    const navJa = await screen.findByRole('navigation', { name: '画面' });
    expect(within(navJa).getByRole('button', { name: '設定' })).toBeTruthy();
    expect(within(navJa).getByRole('button', { name: '配信' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('設定');
    expect(document.documentElement.lang).toBe('ja-JP');
    expect(screen.getByRole('combobox', { name: '言語' })).toBeTruthy();
    expect(count(1234567)).toBe('1,234,567');

    await act(async () =>
      fireEvent.change(screen.getByRole('combobox', { name: '言語' }), { target: { value: 'zh' } }),
    );
    expect(await screen.findByRole('navigation', { name: '功能区' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('设置');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(clockTime('2026-12-04T14:03:07.412Z')).toMatch(/\d{2}:03:07\.412/);

    await act(async () =>
      fireEvent.change(screen.getByRole('combobox', { name: '语言' }), { target: { value: 'system' } }),
    );
    expect(await screen.findByRole('navigation', { name: 'Areas' })).toBeTruthy();
    expect(settings.language).toBe('system');
  });
});

describe('a copy button’s accessible name', () => {
  afterEach(async () => {
    await act(() => i18next.changeLanguage('en'));
  });

  it('starts with its visible label and adds what is copied, once, in each language', async () => {
    const { copyName } = await import('../../../src/renderer/src/components/CopyButton');
    expect(copyName('Copy key', 'Copy the API key ci')).toBe('Copy key: the API key ci');
    await act(() => i18next.changeLanguage('ja'));
    expect(copyName('キーをコピー', 'API キー ci をコピー')).toBe('キーをコピー: API キー ci');
    await act(() => i18next.changeLanguage('zh'));
    expect(copyName('复制密钥', '复制 API 密钥 ci')).toBe('复制密钥：API 密钥 ci');
  });
});
