import type { Command } from 'commander';
import { createRelayServer, RELAY_DEFAULTS } from '../../relay/relay-server';
import { CliError, EXIT } from '../errors';

export const DEFAULT_RELAY_PORT = 8456;

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description('run the relay on a public host: senders post to /c/<channel>/…, studios connect with the token')
    .option('--port <n>', `port to listen on, 0 picks a free one`, String(DEFAULT_RELAY_PORT))
    .option(
      '--host <host>',
      'address to bind (0.0.0.0 on a public host, or keep 127.0.0.1 behind a proxy)',
      '127.0.0.1',
    )
    .option('--token <token>', 'token studios must present (env WEBHOOK_STUDIO_RELAY_TOKEN)')
    .option('--channel <name...>', 'channels that exist from the start (others appear when a studio connects)')
    .option('--journal <file>', 'keep channel backlogs in this file, so they survive a relay restart')
    .option('--public-url <url>', 'the URL senders use, when behind a proxy (printed instead of host:port)')
    .option(
      '--trust-proxy',
      'behind a reverse proxy: slow down wrong tokens by the X-Forwarded-For address, not the proxy’s',
    )
    .option(
      '--max-backlog <n>',
      'requests kept per channel while no studio is connected',
      String(RELAY_DEFAULTS.maxBacklog),
    )
    .action(
      async (opts: {
        port: string;
        host: string;
        token?: string;
        channel?: string[];
        publicUrl?: string;
        maxBacklog: string;
        journal?: string;
        trustProxy?: boolean;
      }) => {
        const token = opts.token ?? process.env.WEBHOOK_STUDIO_RELAY_TOKEN;
        if (!token) throw new CliError('--token (or WEBHOOK_STUDIO_RELAY_TOKEN) is required', EXIT.usage);
        if (token.length < 16)
          process.stderr.write('webhook-studio: warning: a token under 16 characters is easy to guess\n');
        const port = Number(opts.port);
        if (!/^\d+$/.test(opts.port) || port > 65535) {
          throw new CliError(`--port must be a number from 0 to 65535, got "${opts.port}"`, EXIT.usage);
        }
        const maxBacklog = Number(opts.maxBacklog);
        if (!Number.isInteger(maxBacklog) || maxBacklog < 0 || maxBacklog > 100_000) {
          throw new CliError('--max-backlog must be a whole number from 0 to 100000', EXIT.usage);
        }
        let relay;
        try {
          relay = createRelayServer({
            token,
            host: opts.host,
            port,
            channels: opts.channel,
            maxBacklog,
            journalPath: opts.journal,
            trustProxy: opts.trustProxy === true,
          });
        } catch (err) {
          throw new CliError((err as Error).message, EXIT.usage);
        }
        const info = await relay.listen().catch((err: NodeJS.ErrnoException) => {
          throw new CliError(
            err.code === 'EADDRINUSE'
              ? `port ${port} on ${opts.host} is already in use; choose another with --port <n>`
              : `cannot listen on ${opts.host}:${port}: ${err.message}`,
          );
        });
        process.stdout.write(`WEBHOOK_STUDIO_RELAY=${(opts.publicUrl ?? info.url).replace(/\/+$/, '')}\n`);
        process.stderr.write(
          `webhook-studio: relay on ${info.url} · body ≤ ${RELAY_DEFAULTS.maxBodyBytes} bytes · backlog ≤ ${maxBacklog} per channel · Ctrl-C to stop\n`,
        );
        const stop = () => void relay.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
