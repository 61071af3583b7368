import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../../src/core/store/open';
import { attemptColumnsSql } from '../../../src/core/dispatch/attempts-repo';
import { readAttempt } from '../../../src/core/dispatch/attempt-read';
import { createStudio, type Studio } from '../../../src/core/index';
import { createStudioClient, type StudioClient } from '../../../src/shared/rpc-client';
import type { EventBus } from '../../../src/core/live/bus';
import type { Dispatcher } from '../../../src/core/dispatch/dispatcher';
import type { InjectionRepo } from '../../../src/core/dispatch/injection';
import type { DeliverySettingsStore } from '../../../src/core/dispatch/settings';
import type { FireResult } from '../../../src/core/dispatch/dispatcher-api';
import type { DeliverySettingsPatch } from '../../../src/shared/delivery-settings';
import { join } from 'node:path';
import { openStore } from '../../../src/core/store/open';
import { createEventBus } from '../../../src/core/live/bus';
import { createSettingsRepo } from '../../../src/core/store/settings-repo';
import { createProjectsRepo } from '../../../src/core/store/projects-repo';
import { systemClock, systemRandom } from '../../../src/core/deps';
import { createDeliverySettings } from '../../../src/core/dispatch/settings';
import { createInjectionRepo } from '../../../src/core/dispatch/injection';
import { createDispatcher } from '../../../src/core/dispatch/dispatcher';
import { createTargets } from '../../../src/core/dispatch/targets';
import type { Injection } from '../../../src/core/dispatch/dispatcher-api';

/** Inserts a webhook and its first signing secret straight into the tables of migration 002. */
export function insertWebhook(
  db: Db,
  w: {
    projectId: string;
    eventType: string;
    url: string;
    authHeader?: string | null;
    secret?: string;
    active?: boolean;
  },
): { webhookId: string; secretId: string; secret: string } {
  const webhookId = randomUUID();
  const secretId = randomUUID();
  const secret = w.secret ?? `whsec_${randomUUID().replace(/-/g, '')}`;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO webhooks (webhook_id, project_id, event_type, webhook_url, auth_header, is_active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(webhookId, w.projectId, w.eventType, w.url, w.authHeader ?? null, w.active === false ? 0 : 1, now, now);
  db.prepare(
    `INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(secretId, webhookId, w.projectId, w.eventType, secret, now);
  return { webhookId, secretId, secret };
}

/** Rotates as the API does: the current secret is marked rotated, a new one becomes current. */
export function rotateSecret(db: Db, webhookId: string, at = new Date()): { secretId: string; secret: string } {
  const row = db.prepare('SELECT project_id, event_type FROM webhooks WHERE webhook_id = ?').get(webhookId) as {
    project_id: string;
    event_type: string;
  };
  const secretId = randomUUID();
  const secret = `whsec_${randomUUID().replace(/-/g, '')}`;
  db.prepare('UPDATE webhook_secrets SET rotated_at = ? WHERE webhook_id = ? AND rotated_at IS NULL').run(
    at.toISOString(),
    webhookId,
  );
  db.prepare(
    `INSERT INTO webhook_secrets (secret_id, webhook_id, project_id, event_type, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(secretId, webhookId, row.project_id, row.event_type, secret, new Date(at.getTime() + 1).toISOString());
  return { secretId, secret };
}

export interface Received {
  rawHeaders: string[];
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

/** A loopback receiver; `handle` answers (default 200 "ok"). */
export async function receiver(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, n: number) => void = (_q, res) =>
    res.end('ok'),
) {
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ rawHeaders: req.rawHeaders, headers: req.headers, body, at: Date.now() });
      handle(req, res, body, received.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The receiver side's own check of the documented scheme (independent of src/core/signing). */
export function receiverVerifies(secret: string, header: string, body: Buffer, nowS = Date.now() / 1000): boolean {
  const parts = header.split(',');
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  const sigs = parts.filter((p) => p.startsWith('v1=')).map((p) => p.slice(3));
  if (!t || Math.abs(nowS - Number(t)) > 300) return false;
  const key = secret.replace(/^whsec_/, '');
  const mac = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${t}.`), body]))
    .digest('hex');
  return sigs.includes(mac);
}

export async function waitFor<T>(
  fn: () => T | undefined | null | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function deliveryRow(db: Db, id: string) {
  return db.prepare('SELECT * FROM deliveries WHERE delivery_id = ?').get(id) as {
    status: string;
    attempt_count: number;
    next_attempt_at: string | null;
  };
}

export function attemptRows(db: Db, deliveryId: string) {
  // The bodies as sent (an attempt that sent its event's bytes stores none of its own: migration 014),
  // the headers' JSON as stored before issue 17 (attempt-read.ts).
  const rows = db
    .prepare(`SELECT ${attemptColumnsSql('a')} FROM attempts a WHERE delivery_id = ? ORDER BY seq`)
    .all(deliveryId) as {
    attempt_id: string;
    attempt_number: number;
    status: string;
    response_code: number;
    error_message: string | null;
    request_headers_json: string;
    request_body: Buffer;
    response_headers_json: string | null;
    response_body: string | null;
    response_body_truncated: number;
    signature_header: string | null;
    signed_at: number | null;
    secret_ids_json: string;
    kind: string;
    injected_json: string | null;
    duration_ms: number;
    webhook_url: string;
  }[];
  return rows.map((r) => readAttempt(r));
}

/** A real studio on port 0 with an in-memory contract client. */
export interface OpenedStudio {
  studio: Studio;
  client: StudioClient;
  db: Db;
  projectId: string;
  fire(
    eventType: string,
    body: object | string,
    extra?: { injection?: Injection; projectId?: string },
  ): Promise<FireResult>;
  close(): Promise<void>;
}
export async function openStudio(dataDir: string, delivery: DeliverySettingsPatch = {}): Promise<OpenedStudio> {
  const studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
  const channel = studio.connectInMemory();
  const client = createStudioClient(channel);
  if (Object.keys(delivery).length) await client.call('delivery.settings.set', { patch: delivery });
  const db: Db = studio.context.db;
  return {
    studio,
    client,
    db,
    projectId: studio.status().projectId,
    fire: (eventType, body, extra = {}) =>
      client.call('events.fireRaw', {
        eventType,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...extra,
      }),
    close: async () => {
      channel.close();
      await studio.close();
    },
  };
}

/** The dispatcher alone over a real store (no HTTP server): pins the random source. */
export interface BareDispatcher {
  db: Db;
  bus: EventBus;
  dispatcher: Dispatcher;
  injections: InjectionRepo;
  settings: DeliverySettingsStore;
  projectId: string;
  fire(eventType: string, body: object, injection?: Injection): FireResult;
  close(): Promise<void>;
}
export function bareDispatcher(
  dataDir: string,
  opts: { randomFloat?: () => number; delivery?: DeliverySettingsPatch } = {},
): BareDispatcher {
  const db: Db = openStore(join(dataDir, 'studio.db'));
  const bus = createEventBus();
  const settingsRepo = createSettingsRepo(db);
  const projects = createProjectsRepo(db, systemClock, systemRandom);
  const { project } = projects.ensureDefaults();
  const settings = createDeliverySettings(settingsRepo, bus);
  if (opts.delivery) settings.set(opts.delivery);
  const injections = createInjectionRepo(db, () => new Date().toISOString());
  const dispatcher = createDispatcher({
    db,
    clock: systemClock,
    random: systemRandom,
    randomFloat: opts.randomFloat,
    bus,
    targets: createTargets(db),
    injections,
    settings: settings.get,
  });
  dispatcher.start();
  let n = 0;
  return {
    db,
    bus,
    dispatcher,
    injections,
    settings,
    projectId: project.project_id,
    fire: (eventType, body, injection) =>
      dispatcher.fire({
        projectId: project.project_id,
        eventType,
        body: JSON.stringify(body),
        eventId: `evt_${++n}_${randomUUID()}`,
        injection,
      }),
    close: async () => {
      await dispatcher.close();
      settings.close();
      db.close();
    },
  };
}
