import type { Command } from 'commander';
import { loadHeadless } from '../headless-bundle';
import { parseAllowHosts, parsePort, resolveDataDir } from '../options';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the studio headless: mock API, dispatcher and the UI in your browser')
    .option('--port <n>', 'port to listen on, 0 picks a free one (env WEBHOOK_STUDIO_PORT)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)')
    .option(
      '--allow-host <name>',
      'a Host name besides loopback that may reach the studio, e.g. behind a reverse proxy or a LAN name; repeatable (env WEBHOOK_STUDIO_ALLOW_HOSTS, comma-separated)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .action(async (opts: { port?: string; host: string; dataDir?: string; allowHost: string[] }) => {
      const options = {
        dataDir: resolveDataDir(opts.dataDir),
        host: opts.host,
        port: parsePort(opts.port),
        allowHosts: parseAllowHosts(opts.allowHost),
      };
      const { headless, cache } = await loadHeadless();
      await headless.serveHeadless(options);
      // Once started, keep what V8 compiled on the way (the start-up path included) for the
      // next start; a second later, so the first requests are not kept waiting by it.
      if (cache && cache.state !== 'hit') setTimeout(() => cache.save(), 1000).unref();
    });
}
