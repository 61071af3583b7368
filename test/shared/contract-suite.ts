import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioStatusSchema } from '../../src/shared/contract';
import { StudioError } from '../../src/shared/errors';
import type { StudioClient } from '../../src/shared/rpc-client';
import type { Studio } from '../../src/core/index';

export interface SuiteTarget {
  studio: Studio;
  client: StudioClient;
  /** Sends a raw value as the transport would, bypassing the typed client. */
  raw(value: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** The contract's behaviour, the same on every transport. */
export function contractSuite(name: string, open: () => Promise<SuiteTarget>) {
  describe(`contract over ${name}`, () => {
    let t: SuiteTarget;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t.close();
    });

    it('studio.status answers the published shape with the live port and key', async () => {
      const s = await t.client.call('studio.status');
      expect(StudioStatusSchema.parse(s)).toEqual(s);
      expect(s.apiBaseUrl).toBe(`http://127.0.0.1:${s.port}`);
      expect(s.apiKey).toMatch(/^sk_[A-Za-z0-9_-]{20,}$/);
      expect(s.state).toBe('ready');
    });

    it('settings.set validates, persists, and emits settings.changed', async () => {
      const seen: unknown[] = [];
      const off = t.client.on('settings.changed', (p) => seen.push(p));
      const next = await t.client.call('settings.set', { patch: { theme: 'dark' } });
      expect(next.theme).toBe('dark');
      expect((await t.client.call('settings.get')).theme).toBe('dark');
      await expect.poll(() => seen.length).toBe(1);
      off();
    });

    it('keeps the UI language (system by default) and refuses one the studio does not speak', async () => {
      expect((await t.client.call('settings.get')).language).toBe('system');
      expect((await t.client.call('settings.set', { patch: { language: 'ja' } })).language).toBe('ja');
      expect((await t.client.call('settings.get')).language).toBe('ja');
      const err = await t.client.call('settings.set', { patch: { language: 'fr' as never } }).catch((e: unknown) => e);
      expect((err as StudioError).code).toBe('invalid_params');
      expect((err as StudioError).message).toContain('language');
      expect((await t.client.call('settings.get')).language).toBe('ja');
      await t.client.call('settings.set', { patch: { language: 'system' } });
    });

    it('rejects bad params with invalid_params and changes nothing', async () => {
      const before = await t.client.call('settings.get');
      const err = await t.client.call('settings.set', { patch: { theme: 'neon' as never } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StudioError);
      expect((err as StudioError).code).toBe('invalid_params');
      expect((err as StudioError).message).toContain('theme');
      const unknownKey = await t.client.call('settings.set', { patch: { nope: 1 } as never }).catch((e: unknown) => e);
      expect((unknownKey as StudioError).code).toBe('invalid_params');
      expect(await t.client.call('settings.get')).toEqual(before);
    });

    it('answers unknown methods and malformed envelopes with typed errors', async () => {
      expect(await t.raw({ id: 7, method: 'studio.nope', params: {} })).toEqual({
        id: 7,
        error: { code: 'unknown_method', message: 'unknown method studio.nope' },
      });
      const bad = (await t.raw({ method: 42 })) as { error: { code: string } };
      expect(bad.error.code).toBe('invalid_params');
    });
  });
}
