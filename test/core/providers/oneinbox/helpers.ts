/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of the mock API, read field by field */
import { createStudio, type Studio } from '../../../../src/core/index';
import { createStudioClient, type StudioClient } from '../../../../src/shared/rpc-client';
import type { DeliverySettingsPatch } from '../../../../src/shared/delivery-settings';
import { tempDir } from '../../../helpers/tmp';

export interface OneInboxHarness {
  studio: Studio;
  client: StudioClient;
  base: string;
  key: string;
  /** A request to the mock OneInbox API with the account's key (or `key`). */
  api(
    method: string,
    path: string,
    body?: unknown,
    opts?: { key?: string | null; raw?: string; type?: string },
  ): Promise<{ status: number; type: string | null; json: any }>;
  /** Waits until `check` holds (polling), or fails after `ms`. */
  until(check: () => boolean | Promise<boolean>, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOneInbox(delivery: DeliverySettingsPatch = {}): Promise<OneInboxHarness> {
  const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
  const client = createStudioClient(studio.connectInMemory());
  if (Object.keys(delivery).length) await client.call('delivery.settings.set', { patch: delivery });
  const s = studio.status();
  const base = s.oneInboxBaseUrl!;
  const key = s.oneInboxApiKey!;
  return {
    studio,
    client,
    base,
    key,
    async api(method, path, body, opts = {}) {
      const headers: Record<string, string> = {};
      const k = opts.key === undefined ? key : opts.key;
      if (k !== null) headers.authorization = `Bearer ${k}`;
      let payload: string | undefined;
      if (opts.raw !== undefined) payload = opts.raw;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined) headers['content-type'] = opts.type ?? 'application/json';
      const res = await fetch(`${base}${path}`, { method, headers, body: payload });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: res.status, type: res.headers.get('content-type'), json };
    },
    async until(check, ms = 5_000) {
      const end = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > end) throw new Error('timed out waiting for a condition');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => studio.close(),
  };
}

/** The body of each request a receiver got, parsed. */
export function bodies(received: { body: Buffer }[]): Record<string, any>[] {
  return received.map((r) => JSON.parse(r.body.toString('utf8')) as Record<string, any>);
}
