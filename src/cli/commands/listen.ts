import type { Command } from 'commander';
import { connectStudio } from '../connect';
import { resolveDataDir } from '../options';
import { CliError, EXIT } from '../errors';
import type { CaptureSummary, RelayStatus } from '../../shared/contract/tunnel';
import type { StudioClient } from '../../shared/rpc-client';
import { StudioError } from '../../shared/errors';

export interface ListenOptions {
  forwardTo?: string;
  inbox: string;
  relay?: string;
  channel?: string;
  token?: string;
  json?: boolean;
}

/** One line per request: time, method, path, signature verdict, local status, duration. */
export function formatCaptureLine(c: CaptureSummary): string {
  const sig =
    c.signature.ok === true
      ? `✓ ${c.signature.secretId}`
      : c.signature.ok === false
        ? `✗ ${c.signature.code}`
        : `– ${c.signature.code}`;
  const local = c.forwardError ? `${c.responseStatus} (${c.forwardError})` : String(c.responseStatus);
  const path = c.query ? `${c.path}?${c.query}` : c.path;
  return `${c.receivedAt}  ${c.method.padEnd(6)} ${path}  ${sig}  → ${local}  ${c.durationMs} ms`;
}

function describeRelay(s: RelayStatus): string {
  if (s.state === 'connected') return `relay connected (${s.channelUrl})${s.backlog ? `, backlog ${s.backlog}` : ''}`;
  if (s.state === 'reconnecting') return `relay connection lost (${s.lastError ?? 'closed'}); reconnecting`;
  if (s.state === 'refused') return `relay refused the connection: ${s.lastError ?? ''}`;
  return `relay ${s.state}`;
}

/**
 * Points the running studio's inbox at `forwardTo` (and, with `relay`, connects the
 * studio to the relay), prints the URLs, then one line per captured request until
 * `until` resolves. Restores the inbox's previous forward target when done.
 */
export async function runListen(
  client: StudioClient,
  opts: ListenOptions,
  io: { print: (l: string) => void; notice: (l: string) => void; until: Promise<unknown> },
): Promise<void> {
  const relayFlags = [opts.relay, opts.channel, opts.token].filter((x) => x !== undefined).length;
  if (relayFlags !== 0 && relayFlags !== 3) {
    throw new CliError('--relay, --channel and --token go together', EXIT.usage);
  }
  const before = (await client.call('inboxes.list')).find((i) => i.name === opts.inbox);
  if (opts.forwardTo !== undefined) {
    await client.call('inboxes.configure', { name: opts.inbox, forwardTo: opts.forwardTo }).catch((err: Error) => {
      throw err instanceof StudioError && err.code === 'invalid_params'
        ? new CliError(`--forward-to ${opts.forwardTo}: ${err.message.replace(/^.*?forwardTo: /, '')}`, EXIT.usage)
        : err;
    });
  }
  const status = await client.call('studio.status');
  const offCapture = client.on('capture.recorded', (c) => {
    if (c.inbox !== opts.inbox) return;
    io.print(opts.json ? JSON.stringify(c) : formatCaptureLine(c));
  });
  let offRelay = () => {};
  try {
    io.print(`WEBHOOK_STUDIO_INBOX=${status.apiBaseUrl}/inbox/${opts.inbox}`);
    if (opts.relay && opts.channel && opts.token) {
      const s = await client.call('relay.connect', {
        url: opts.relay,
        channel: opts.channel,
        token: opts.token,
        inbox: opts.inbox,
      });
      io.print(`WEBHOOK_STUDIO_CHANNEL=${s.channelUrl}`);
      if (s.state !== 'connected') io.notice(`webhook-studio: ${describeRelay(s)}`);
      let last = s.state;
      offRelay = client.on('relay.status', (r) => {
        if (r.state !== last) io.notice(`webhook-studio: ${describeRelay(r)}`);
        last = r.state;
      });
    }
    io.notice(
      opts.forwardTo
        ? `webhook-studio: forwarding ${opts.inbox} to ${opts.forwardTo} · Ctrl-C to stop`
        : `webhook-studio: capturing requests to ${opts.inbox} · Ctrl-C to stop`,
    );
    await io.until;
  } finally {
    offCapture();
    offRelay();
    if (opts.forwardTo !== undefined) {
      await client
        .call('inboxes.configure', { name: opts.inbox, forwardTo: before?.forwardTo ?? null })
        .catch(() => undefined);
    }
    if (opts.relay) await client.call('relay.disconnect').catch(() => undefined);
  }
}

export function registerListen(program: Command): void {
  program
    .command('listen')
    .description("capture requests in the running studio's inbox and forward them to a local URL")
    .option('--forward-to <url>', 'local URL each request is forwarded to, exact bytes and headers')
    .option('--inbox <name>', 'inbox to use', 'dev')
    .option('--relay <url>', 'relay base URL (see `webhook-studio relay`) to receive public requests from')
    .option('--channel <name>', 'relay channel: the public URL is <relay>/c/<channel>')
    .option('--token <token>', 'relay token (env WEBHOOK_STUDIO_RELAY_TOKEN)')
    .option('--json', 'print each capture as one JSON line')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .action(async (opts: ListenOptions & { dataDir?: string }) => {
      const token = opts.token ?? (opts.relay ? process.env.WEBHOOK_STUDIO_RELAY_TOKEN : undefined);
      const conn = await connectStudio(resolveDataDir(opts.dataDir));
      const until = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      try {
        await runListen(
          conn.client,
          { ...opts, token },
          {
            print: (l) => process.stdout.write(l + '\n'),
            notice: (l) => process.stderr.write(l + '\n'),
            until,
          },
        );
      } finally {
        conn.close();
      }
    });
}
