import type { Command } from 'commander';
import type { ParamsOf } from '../../shared/contract';
import type { BurstProgress, FireResultDto } from '../../shared/contract/events';
import { EVENTS_LIMITS } from '../../shared/contract/limits';
import { connectStudio } from '../connect';
import { readBoundedUtf8 } from '../read-file';
import { CliError, EXIT } from '../errors';
import { withTypeHint } from '../event-types';
import { resolveDataDir } from '../options';

/** Largest `--data` (inline or file) the CLI reads. */
export const MAX_DATA_BYTES = 512 * 1024;

interface TriggerOptions {
  project?: string;
  agent?: string;
  user?: string;
  data?: string;
  set: string[];
  count: string;
  rate?: string;
  seed?: string;
  json?: boolean;
  dataDir?: string;
  platform: string;
}

/** `--data '{"a":1}'` or `--data @file.json`: the event's `data` object. */
export function readDataOption(value: string): Record<string, unknown> {
  let text = value;
  if (value.startsWith('@')) {
    text = readBoundedUtf8(value.slice(1), MAX_DATA_BYTES, '--data');
  }
  if (Buffer.byteLength(text) > MAX_DATA_BYTES)
    throw new CliError(`--data is larger than ${MAX_DATA_BYTES} bytes`, EXIT.usage);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--data is not JSON: ${(err as Error).message}`, EXIT.usage);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError('--data must be a JSON object', EXIT.usage);
  }
  return parsed as Record<string, unknown>;
}

function positiveInt(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max)
    throw new CliError(`${name} must be a whole number from 1 to ${max}, got "${raw}"`, EXIT.usage);
  return n;
}

function positiveNumber(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new CliError(`${name} must be a number above 0 and at most ${max}, got "${raw}"`, EXIT.usage);
  return n;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function printFired(r: FireResultDto): void {
  const where = r.deliveries.length
    ? r.deliveries.map((d) => `\n  → ${d.webhookUrl} (delivery ${d.deliveryId})`).join('')
    : '\n  (no active webhook for this type: nothing delivered)';
  process.stdout.write(
    `fired ${r.eventType} ${r.eventId} · ${r.bytes} bytes · ${r.deliveries.length} deliveries${where}\n`,
  );
}

export function registerTrigger(program: Command): void {
  program
    .command('trigger <type>')
    .description('fire an event (a realistic sample, your saved template, or --data) at the registered webhooks')
    .option('--project <id>', 'project id (default: the default project)')
    .option('--agent <id|name>', 'agent id or name (default: the project’s first agent)')
    .option('--user <id>', 'user id (default: user_demo)')
    .option('--data <json|@file>', "the event's data object, inline JSON or @file")
    .option('--set <path=value>', 'set a value in the body, e.g. data.reason="hi" (repeatable)', collect, [])
    .option('--count <n>', 'fire n events (a burst)', '1')
    .option('--rate <r>', 'events per second for a burst (default: as fast as possible)')
    .option('--seed <seed>', 'seed of the sample generator, for reproducible payloads')
    .option('--platform <name>', 'sonzai, or oneinbox for a OneInbox sample (call.ended, transcript.final …)', 'sonzai')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (type: string, opts: TriggerOptions) => {
      // Loaded only for OneInbox: its contract pulls in zod, which a Sonzai trigger does not need.
      if (opts.platform === 'oneinbox') return (await import('./call')).triggerOneInbox(type, opts);
      if (opts.platform !== 'sonzai')
        throw new CliError(`--platform must be sonzai or oneinbox, got "${opts.platform}"`, EXIT.usage);
      const count = positiveInt('--count', opts.count, EVENTS_LIMITS.maxBurstCount);
      const rate =
        opts.rate === undefined ? undefined : positiveNumber('--rate', opts.rate, EVENTS_LIMITS.maxBurstRate);
      const build = {
        eventType: type,
        ...(opts.project ? { projectId: opts.project } : {}),
        ...(opts.agent ? { agentId: opts.agent } : {}),
        ...(opts.user ? { userId: opts.user } : {}),
        ...(opts.data ? { data: readDataOption(opts.data) } : {}),
        ...(opts.set.length ? { set: opts.set } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      };
      // It follows only its burst's progress: not every attempt and notification the burst makes.
      const conn = await connectStudio(resolveDataDir(opts.dataDir), ['burst.progress']);
      try {
        if (count === 1 && rate === undefined) {
          const r = await withTypeHint(conn.client, type, () =>
            conn.client.call('events.fire', { ...build, source: 'cli' }),
          );
          for (const i of r.issues) process.stderr.write(`warning: ${i.path} ${i.message} (fired anyway)\n`);
          if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          else printFired(r);
          return;
        }
        const final = await withTypeHint(conn.client, type, () =>
          runBurst(conn.client, { ...build, count, rate, source: 'cli' }, !opts.json),
        );
        if (opts.json) {
          process.stdout.write(JSON.stringify(final, null, 2) + '\n');
        } else {
          process.stdout.write(
            `${final.state}: fired ${final.fired}/${final.total} ${type} events, ${final.deliveries} deliveries in ${(final.elapsedMs / 1000).toFixed(1)} s\n`,
          );
        }
        if (final.state !== 'done') {
          const full = final.state === 'failed' && /disk is full|disk refused/.test(final.error ?? '');
          throw new CliError(final.error ?? `burst ${final.state}`, full ? EXIT.diskFull : EXIT.failure);
        }
      } finally {
        conn.close();
      }
    });
}

type Client = Awaited<ReturnType<typeof connectStudio>>['client'];

/** Starts a burst and follows its progress to the end; event ids are collected when the burst is small enough. */
async function runBurst(
  client: Client,
  params: ParamsOf<'events.burst.start'>,
  printIds: boolean,
): Promise<BurstProgress & { eventIds?: string[] }> {
  const reportIds = params.count <= EVENTS_LIMITS.maxReportedIds;
  const early: BurstProgress[] = [];
  let burstId: string | null = null;
  const ids: string[] = [];
  let finish!: (p: BurstProgress) => void;
  const finished = new Promise<BurstProgress>((r) => (finish = r));
  const onProgress = (p: BurstProgress) => {
    if (p.burstId !== burstId) return;
    for (const id of p.eventIds ?? []) {
      ids.push(id);
      if (printIds) process.stdout.write(`${id}\n`);
    }
    if (p.state !== 'running') finish(p);
  };
  const off = client.on('burst.progress', (p) => (burstId ? onProgress(p) : early.push(p)));
  try {
    burstId = (await client.call('events.burst.start', { ...params, reportIds })).burstId;
    for (const p of early) onProgress(p);
    const final = await finished;
    return reportIds ? { ...final, eventIds: ids } : { ...final, eventIds: undefined };
  } finally {
    off();
  }
}
