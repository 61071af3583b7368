import { INSPECTOR_LIMITS } from '../../shared/contract/inspector';
import type { StudioContext } from '../context';
import type { DispatcherApi } from '../dispatch/dispatcher-api';
import { attemptBodySql } from '../dispatch/attempts-repo';
import { signatureHeaderSql } from '../dispatch/signature-stored';
import { StudioError } from '../errors';
import type { Feature } from '../feature';
import { createBulkReplayer } from './bulk-replay';
import { bulkReplayPlan } from './bulk-replay-plan';
import { attemptDetail, getRow } from './detail';
import { parseHeader } from '../signing/signature';
import { diagnose, headerValue, type KnownSecret } from './diagnose';
import { toCurl, toHar, toJsonExport } from './export';
import { idsForFilter, listAttempts } from './query';
import { createBodyIndex } from './body-index';
import { deliveryAttempts, deliveryCounts, listDeliveries } from './deliveries-query';
import { webhookHealth } from './webhook-health';
import { currentSecret, knownSecrets, maskSecret } from './secrets';
import { inspectSignature } from './signature-inspect';
import { SNIPPETS } from './snippets';
import { attemptStats, recentTargets } from './stats';

export interface InspectorDeps {
  dispatcher: DispatcherApi;
}

const ORIGINALS_MAX = 5;

/** Inspector, replay, export and signature tools over the `attempts` table. */
export function inspectorFeature(ctx: StudioContext, deps: InspectorDeps): Feature {
  const { db, clock } = ctx;
  const bodies = createBodyIndex(db);
  /**
   * A body search sees every stored attempt: the index catches up first, a large backlog in
   * slices that leave the event loop free (deliveries go on while a search waits).
   */
  const searched = async <F extends { text?: string } | undefined>(filter: F): Promise<F> => {
    if (filter?.text !== undefined) await bodies.caughtUp();
    return filter;
  };
  const bulk = createBulkReplayer({
    db,
    dispatcher: deps.dispatcher,
    clock,
    random: ctx.random,
    emit: (p) => ctx.bus.emit('bulkReplay.progress', p),
  });
  const sentAt = db.prepare(
    `SELECT ${attemptBodySql('a')} AS request_body, ${signatureHeaderSql('a')} AS signature_header FROM attempts a WHERE a.signed_at = ? LIMIT 50`,
  );
  /** The bytes the studio sent with (one of) these signatures, if it sent them. */
  const originalsFor = (header: string): Buffer[] => {
    const parsed = parseHeader(headerValue(header));
    if ('ok' in parsed) return [];
    const rows = sentAt.all(parsed.timestamp) as {
      request_body: Buffer | string | null;
      signature_header: string | null;
    }[];
    return rows
      .filter((r) => r.request_body !== null && parsed.v1.some((v) => r.signature_header?.includes(`v1=${v}`)))
      .slice(0, ORIGINALS_MAX)
      .map((r) => Buffer.from(r.request_body as Buffer));
  };

  return {
    name: 'inspector',
    handlers: {
      'attempts.list': async ({ filter, cursor, limit }) =>
        listAttempts(db, { filter: (await searched(filter)) ?? {}, cursor, limit }),
      'attempts.get': ({ attemptId }) => attemptDetail(db, attemptId),
      'deliveries.list': async ({ filter, ids, cursor, limit }) =>
        listDeliveries(db, { filter: (await searched(filter)) ?? {}, ids, cursor, limit }),
      'deliveries.attempts': ({ deliveryId }) => ({ attempts: deliveryAttempts(db, deliveryId) }),
      'deliveries.counts': async ({ filter }) => deliveryCounts(db, (await searched(filter)) ?? {}),
      'webhooks.health': ({ projectId }) => ({ webhooks: webhookHealth(db, projectId) }),
      'attempts.replay': async ({ attemptId, to, body }) => {
        getRow(db, attemptId); // not_found before asking the dispatcher
        return deps.dispatcher.replay({ attemptId, ...(to ? { to } : {}), ...(body !== undefined ? { body } : {}) });
      },
      'attempts.bulkReplay.preview': async ({ filter, includeScheduled }) => {
        const { attemptIds: _ids, ...plan } = bulkReplayPlan(
          db,
          (await searched(filter)) ?? {},
          includeScheduled ?? false,
        );
        return plan;
      },
      'attempts.bulkReplay.start': async ({ filter, includeScheduled }) =>
        bulk.start((await searched(filter)) ?? {}, includeScheduled ?? false),
      'attempts.bulkReplay.cancel': ({ jobId }) => bulk.cancel(jobId),
      'attempts.export': async ({ format, ids, filter, limit }) => {
        const max = limit ?? INSPECTOR_LIMITS.exportMax;
        const chosen = (ids ?? idsForFilter(db, (await searched(filter)) ?? {}, max)).slice(0, max);
        const details = chosen.map((id) => attemptDetail(db, id));
        const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
        if (format === 'curl')
          return {
            format,
            filename: `attempts-${stamp}.sh`,
            mimeType: 'text/x-shellscript',
            count: details.length,
            content: details.map(toCurl).join('\n\n') + '\n',
          };
        if (format === 'json')
          return {
            format,
            filename: `attempts-${stamp}.json`,
            mimeType: 'application/json',
            count: details.length,
            content: toJsonExport(details, clock.now()),
          };
        return {
          format,
          filename: `attempts-${stamp}.har`,
          mimeType: 'application/json',
          count: details.length,
          content: JSON.stringify(toHar(details), null, 2),
        };
      },
      'attempts.recentTargets': () => ({ targets: recentTargets(db) }),
      'attempts.stats': (p) => attemptStats(db, p?.window ?? '1h', clock.now()),
      'signature.inspect': ({ attemptId }) => inspectSignature(db, attemptId),
      'signature.diagnose': ({ body, header, secret, webhookId, toleranceSeconds }) => {
        let useSecret = secret;
        let webhook: string | undefined;
        if (useSecret === undefined && webhookId) {
          const current = currentSecret(db, webhookId);
          if (!current) throw new StudioError('not_found', `no webhook ${webhookId} (or it has no signing secret)`);
          useSecret = current.secret;
          webhook = webhookId;
        }
        const originals = originalsFor(header);
        const secrets = knownSecrets(db);
        webhook ??= secrets.find((s) => s.secret === useSecret)?.webhook_id;
        const known: KnownSecret[] = secrets.map((s) => ({
          label: `the ${s.event_type} webhook's ${s.rotated_at ? 'old' : 'current'} secret ${maskSecret(s.secret)}`,
          secret: s.secret,
          rotatedAt: s.rotated_at,
          eventType: s.event_type,
          sameWebhook: webhook !== undefined && s.webhook_id === webhook,
        }));
        return diagnose({
          body,
          header,
          secret: useSecret as string,
          // Signature timestamps are real time (a handler checks them against its own clock).
          nowSeconds: Math.floor((ctx.realClock ?? clock).now().getTime() / 1000),
          toleranceSeconds,
          originals,
          knownSecrets: known,
        });
      },
      'signature.webhooks': () => ({
        webhooks: (
          db
            .prepare(
              'SELECT webhook_id, project_id, event_type, webhook_url FROM webhooks ORDER BY project_id, event_type LIMIT 500',
            )
            .all() as { webhook_id: string; project_id: string; event_type: string; webhook_url: string }[]
        ).map((w) => ({
          webhookId: w.webhook_id,
          projectId: w.project_id,
          eventType: w.event_type,
          webhookUrl: w.webhook_url,
        })),
      }),
      'signature.snippets': () => ({ snippets: SNIPPETS.map((s) => ({ ...s })) }),
    },
    start: () => bodies.start(),
    close: () => {
      bodies.stop();
      return bulk.close();
    },
  };
}
