import type { StudioContext } from '../context';
import type { Feature } from '../feature';
import { StudioError } from '../../shared/errors';
import { join } from 'node:path';
import { createCapturesRepo } from './captures-repo';
import { openCaptureJournal } from './capture-journal';
import { INBOX_JOURNAL_FILE } from '../paths';
import { forward } from './forward';
import { createInboxService } from './inbox-service';
import { inboxRoute } from './inbox-routes';
import { storageHealthFor } from '../store/storage-health';
import { createRelayClient, type RelayClientOptions } from './relay-client';
import { loadKnownSecrets } from './signature-check';
import { groupCommitFor } from '../store/group-commit';
import type { ForwardResult } from '../../shared/contract/tunnel';

export type TunnelOptions = Pick<
  RelayClientOptions,
  'pingIntervalMs' | 'backoffInitialMs' | 'backoffMaxMs' | 'connectWaitMs'
>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

/** True when `url` is this studio's own inbox: forwarding there would loop forever. */
export function forwardsToAnInbox(url: string, studioPort: number): boolean {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return LOOPBACK.has(u.hostname) && port === studioPort && /^\/inbox(\/|$)/.test(u.pathname);
}

/** Inbox (capture + forward), captures, replay and the relay client. */
export async function tunnelFeature(ctx: StudioContext, options: TunnelOptions = {}): Promise<Feature> {
  // The inbox measures the real world (when a request arrived): the real clock.
  const real = ctx.realClock ?? ctx.clock;
  const commits = groupCommitFor(ctx.db);
  const storage = storageHealthFor(ctx.db);
  const journal = openCaptureJournal(join(ctx.dataDir, INBOX_JOURNAL_FILE));
  const repo = createCapturesRepo(ctx.db, real, undefined, { journal, commits });
  // Captures a studio that stopped had accepted (and answered) but not yet stored. A store that
  // refuses them now keeps them in the journal: the next batch (or start) tries again.
  try {
    const recovered = repo.recover();
    if (recovered)
      console.error(`webhook-studio: stored ${recovered} inbox captures left in the journal by the last run`);
  } catch (err) {
    if (!storage.failed(err)) throw err;
  }
  const inbox = createInboxService({
    repo,
    commits,
    storeOk: () => storage.get().ok,
    secrets: loadKnownSecrets(ctx.db),
    clock: real,
    random: ctx.random,
    bus: ctx.bus,
    onStoreError: (err) => storage.failed(err),
  });
  ctx.app.addFastRoute(inboxRoute(inbox, (err) => storage.failed(err)));
  const relay = createRelayClient({ inbox, repo, bus: ctx.bus, clock: real, ...options });

  return {
    name: 'tunnel',
    handlers: {
      'inboxes.list': () => repo.listInboxes(),
      'inboxes.configure': ({ name, ...patch }) => {
        if (patch.forwardTo && forwardsToAnInbox(patch.forwardTo, ctx.status().port)) {
          throw new StudioError('invalid_params', `forwardTo: ${patch.forwardTo} is an inbox of this studio (a loop)`);
        }
        const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        return repo.configureInbox(name, clean);
      },
      'captures.list': (p) => repo.list({ inbox: p.inbox, limit: p.limit ?? 100, beforeSeq: p.beforeSeq }),
      'captures.get': ({ captureId }) => {
        const c = repo.get(captureId);
        if (!c) throw new StudioError('not_found', `no capture ${captureId}`);
        return c;
      },
      'captures.replay': async ({ captureId, url, timeoutMs }): Promise<ForwardResult> => {
        const raw = repo.raw(captureId);
        if (!raw) throw new StudioError('not_found', `no capture ${captureId}`);
        const r = await forward({
          url,
          method: raw.method,
          headers: raw.headers,
          body: raw.body,
          timeoutMs: timeoutMs ?? repo.getInbox('dev').forwardTimeoutMs,
        });
        return r.ok
          ? {
              url,
              status: r.status,
              headers: r.headers,
              bodyBase64: r.body.toString('base64'),
              error: null,
              durationMs: r.durationMs,
            }
          : { url, status: null, headers: [], bodyBase64: '', error: r.error, durationMs: r.durationMs };
      },
      'relay.connect': ({ url, channel, token, inbox: name }) =>
        relay.connect({ url, channel, token, inbox: name ?? 'dev' }),
      'relay.disconnect': () => relay.disconnect(),
      'relay.status': () => relay.status(),
    },
    close: async () => {
      await relay.close();
      // What waits for its batch goes in now; what the store refuses stays in the journal for the next start.
      try {
        repo.flush();
        commits.flush();
      } catch (err) {
        storage.failed(err);
      }
      journal.close();
    },
  };
}
