import type { Command } from 'commander';
import type { OneInboxCall } from '../../shared/contract/oneinbox';
import { ONEINBOX_EVENT_TYPES } from '../../shared/contract/oneinbox';
import { connectStudio } from '../connect';
import { CliError, EXIT } from '../errors';
import { resolveDataDir } from '../options';

const E164 = /^\+[1-9]\d{5,14}$/;

function line(c: OneInboxCall): string {
  const hook = c.webhookUrl ? ` → ${c.webhookUrl} (this call only)` : '';
  return `${c.id} ${c.status} ${c.fromNumber} → ${c.toNumber} · ${c.language}${hook}`;
}

/** `trigger <type> --platform oneinbox`: one OneInbox sample event to the registered OneInbox webhooks. */
export async function triggerOneInbox(type: string, opts: { seed?: string; json?: boolean; dataDir?: string }) {
  if (!(ONEINBOX_EVENT_TYPES as readonly string[]).includes(type))
    throw new CliError(`not a OneInbox event type: ${type} (one of ${ONEINBOX_EVENT_TYPES.join(', ')})`, EXIT.usage);
  const conn = await connectStudio(resolveDataDir(opts.dataDir));
  try {
    const r = await conn.client.call('oneinbox.trigger', {
      eventType: type as (typeof ONEINBOX_EVENT_TYPES)[number],
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    });
    if (opts.json) return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    const where = r.deliveries.length
      ? r.deliveries.map((d) => `\n  → ${d.webhookUrl} (delivery ${d.deliveryId})`).join('')
      : '\n  (no active OneInbox webhook subscribed to this type: nothing delivered)';
    process.stdout.write(`fired OneInbox ${r.eventType} ${r.eventId} · ${r.deliveries.length} deliveries${where}\n`);
  } finally {
    conn.close();
  }
}

interface StartOptions {
  to: string;
  from: string;
  agent: string;
  webhookUrl?: string;
  fail?: string;
  language?: string;
  json?: boolean;
  dataDir?: string;
}

/** `call start|list|busy-afternoon`: OneInbox's simulated calls on the studio clock. */
export function registerCall(program: Command): void {
  const call = program.command('call').description('OneInbox simulated calls (their events follow the studio clock)');
  call
    .command('start')
    .description('start a simulated OneInbox call: call.started, transcripts, call.ended … as the clock moves')
    .requiredOption('--to <number>', 'number called, E.164 (+81… gives a Japanese call, +86… a Chinese one)')
    .requiredOption('--from <number>', 'caller number, E.164')
    .option('--agent <id>', 'agent id', 'agt_studio')
    .option('--webhook-url <url>', "this call's events go here (instead of the global webhooks, by default)")
    .option('--fail <reason>', 'fail to connect: no-answer | busy')
    .option('--language <lang>', 'transcript language: en | ja | zh (default: from --to)')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: StartOptions) => {
      for (const [name, v] of [
        ['--to', opts.to],
        ['--from', opts.from],
      ] as const)
        if (!E164.test(v))
          throw new CliError(`${name} must be an E.164 number such as +15739693824, got "${v}"`, EXIT.usage);
      if (opts.fail !== undefined && opts.fail !== 'no-answer' && opts.fail !== 'busy')
        throw new CliError(`--fail must be no-answer or busy, got "${opts.fail}"`, EXIT.usage);
      if (opts.language !== undefined && !['en', 'ja', 'zh'].includes(opts.language))
        throw new CliError(`--language must be en, ja or zh, got "${opts.language}"`, EXIT.usage);
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const c = await conn.client.call('oneinbox.calls.start', {
          agentId: opts.agent,
          toNumber: opts.to,
          fromNumber: opts.from,
          ...(opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}),
          ...(opts.fail ? { fail: opts.fail as 'no-answer' | 'busy' } : {}),
          ...(opts.language ? { language: opts.language as 'en' | 'ja' | 'zh' } : {}),
        });
        process.stdout.write(opts.json ? JSON.stringify(c, null, 2) + '\n' : `started ${line(c)}\n`);
      } finally {
        conn.close();
      }
    });
  call
    .command('list')
    .description('the newest simulated calls and their state')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const { calls } = await conn.client.call('oneinbox.calls.list');
        if (opts.json) process.stdout.write(JSON.stringify(calls, null, 2) + '\n');
        else process.stdout.write(calls.length ? calls.map(line).join('\n') + '\n' : 'no calls yet\n');
      } finally {
        conn.close();
      }
    });
  call
    .command('busy-afternoon')
    .description('the built-in scenario: several overlapping calls in en / ja / zh, some failing')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      try {
        const { calls } = await conn.client.call('oneinbox.scenario.busyAfternoon', {});
        if (opts.json) process.stdout.write(JSON.stringify(calls, null, 2) + '\n');
        else process.stdout.write(`started ${calls.length} calls:\n${calls.map((c) => `  ${line(c)}`).join('\n')}\n`);
      } finally {
        conn.close();
      }
    });
}
