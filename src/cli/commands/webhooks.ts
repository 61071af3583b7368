import type { Command } from 'commander';
import type { WebhookDto } from '../../shared/contract/api';
import type { StudioClient } from '../../shared/rpc-client';
import { connectStudio } from '../connect';
import { CliError, EXIT } from '../errors';
import { checkTypes } from '../event-types';
import { resolveDataDir } from '../options';
import { projectOf } from '../project';
import { suggestionText } from '../suggest';

interface Common {
  project?: string;
  json?: boolean;
  dataDir?: string;
}

const out = (line: string): void => void process.stdout.write(line + '\n');

function looksLikeUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** `add <type…> <url>`: the URL is the last word; at least one type before it. */
export function splitAddArgs(words: readonly string[]): { types: string[]; url: string } {
  if (words.length < 2) throw new CliError('give one or more event types, then the URL', EXIT.usage);
  const url = words[words.length - 1];
  if (!looksLikeUrl(url))
    throw new CliError(`the last word must be the webhook URL (http:// or https://), got "${url}"`, EXIT.usage);
  const types = [...new Set(words.slice(0, -1))];
  const stray = types.find(looksLikeUrl);
  if (stray) throw new CliError(`one URL per call: "${stray}" comes before the event types' URL`, EXIT.usage);
  return { types, url };
}

function withProject(cmd: Command): Command {
  return cmd
    .option('--project <id>', 'project id (default: the default project)')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)');
}

async function run<T>(opts: Common, body: (c: StudioClient, projectId: string) => Promise<T>): Promise<T> {
  const conn = await connectStudio(resolveDataDir(opts.dataDir));
  try {
    return await body(conn.client, await projectOf(conn.client, opts.project));
  } finally {
    conn.close();
  }
}

async function registered(client: StudioClient, projectId: string): Promise<WebhookDto[]> {
  return (await client.call('webhooks.list', { projectId })).webhooks;
}

/** The registered webhook of a type, or a failure naming the registered types closest to it. */
function pick(list: readonly WebhookDto[], type: string): WebhookDto {
  const w = list.find((x) => x.eventType === type);
  if (!w)
    throw new CliError(
      `no webhook is registered for ${type}${suggestionText(
        type,
        list.map((x) => x.eventType),
      )}; \`webhook-studio webhooks list\` shows them`,
    );
  return w;
}

export function registerWebhooks(program: Command): void {
  const webhooks = program
    .command('webhooks')
    .description('register, list, remove webhooks and rotate their signing secrets (one registration per event type)');

  withProject(webhooks.command('list').description('the registered webhooks, one line per event type'))
    .option('--json', 'print JSON')
    .action(async (opts: Common) =>
      run(opts, async (client, projectId) => {
        const [list, { webhooks: health }] = await Promise.all([
          registered(client, projectId),
          client.call('webhooks.health', { projectId }),
        ]);
        const healthOf = new Map(health.map((h) => [h.webhookId, h]));
        if (opts.json)
          return out(
            JSON.stringify(
              list.map((w) => ({ ...w, health: healthOf.get(w.webhookId) ?? null })),
              null,
              2,
            ),
          );
        if (list.length === 0)
          return out('no webhooks registered; add one with `webhook-studio webhooks add <type> <url>`');
        const width = Math.max(...list.map((w) => w.eventType.length));
        for (const w of list) {
          const h = healthOf.get(w.webhookId);
          const seen =
            h && h.sample > 0
              ? `last ${h.lastCode || 'no response'} · ${Math.round((h.successRate ?? 0) * 100)}% ok · p50 ${h.p50Ms} ms`
              : 'no deliveries yet';
          out(
            `${w.eventType.padEnd(width)}  ${w.isActive ? 'active  ' : 'paused  '}${w.webhookUrl}  ${seen}  ${w.webhookId}`,
          );
        }
      }),
    );

  withProject(
    webhooks
      .command('add <types_and_url...>')
      .usage('<type...> <url> [options]')
      .description('register one URL for one or more event types (prints each new signing secret once)'),
  )
    .option('--auth-header <value>', 'an Authorization header the studio sends with each delivery')
    .option('--replace', 'replace the URL of a type that already has a webhook')
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: Common & { authHeader?: string; replace?: boolean }) => {
      const { types, url } = splitAddArgs(words);
      await run(opts, async (client, projectId) => {
        await checkTypes(client, types);
        const existing = await registered(client, projectId);
        const clash = existing.filter((w) => types.includes(w.eventType) && w.webhookUrl !== url);
        if (clash.length && !opts.replace)
          throw new CliError(
            clash.map((w) => `${w.eventType} already sends to ${w.webhookUrl}`).join('; ') +
              '; add --replace to replace it (its signing secret stays)',
          );
        const results = [];
        for (const eventType of types) {
          const r = await client.call('webhooks.upsert', {
            projectId,
            eventType,
            webhookUrl: url,
            ...(opts.authHeader !== undefined ? { authHeader: opts.authHeader } : {}),
          });
          const before = existing.find((w) => w.eventType === eventType);
          results.push({ ...r, replaced: before && before.webhookUrl !== url ? before.webhookUrl : null });
        }
        if (opts.json) return out(JSON.stringify(results, null, 2));
        if (types.length > 1) out(`${types.length} registrations (the Sonzai API takes one event type per webhook):`);
        for (const r of results) {
          const what = r.created ? 'registered' : r.replaced ? `replaced ${r.replaced} with` : 'unchanged:';
          out(`${r.webhook.eventType} ${what} ${r.webhook.webhookUrl}`);
          if (r.signingSecret) out(`  signing secret (shown once): ${r.signingSecret}`);
        }
      });
    });

  withProject(webhooks.command('rm <type>').alias('remove').description("remove an event type's webhook")).action(
    async (type: string, opts: Common) =>
      run(opts, async (client, projectId) => {
        pick(await registered(client, projectId), type);
        await client.call('webhooks.delete', { projectId, eventType: type });
        out(`removed the webhook of ${type}`);
      }),
  );

  withProject(
    webhooks
      .command('rotate <type>')
      .description("rotate an event type's signing secret (the old one keeps signing during the overlap)"),
  )
    .option('--json', 'print JSON')
    .action(async (type: string, opts: Common) =>
      run(opts, async (client, projectId) => {
        pick(await registered(client, projectId), type);
        const r = await client.call('webhooks.rotate', { projectId, eventType: type });
        if (opts.json) return out(JSON.stringify({ eventType: type, signingSecret: r.secret }, null, 2));
        out(`new signing secret of ${type} (shown once): ${r.secret}`);
      }),
    );
}
