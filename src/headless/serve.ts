import { createStudio, type Studio } from '../core/index';
import { findUiDir } from './ui-dir';
import { parseStopWith, STOP_WITH_ENV, watchLaunchers } from '../core/stop-with-launchers';

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Names besides loopback that may reach the studio (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Where to print the start-up lines (stdout). */
  print?: (line: string) => void;
  /** Where to print notices (stderr). */
  notice?: (line: string) => void;
}

/** The lines scripts and people copy, each on its own line, exactly in this form. */
export function startupLines(studio: Studio): string[] {
  const s = studio.status();
  const lines = [`SONZAI_BASE_URL=${s.apiBaseUrl}`, `SONZAI_API_KEY=${s.apiKey}`];
  if (s.oneInboxApiKey) lines.push(`ONEINBOX_BASE_URL=${s.oneInboxBaseUrl}`, `ONEINBOX_API_KEY=${s.oneInboxApiKey}`);
  if (s.uiUrl) lines.push(`WEBHOOK_STUDIO_UI=${s.uiUrl}`);
  lines.push(`WEBHOOK_STUDIO_INBOX=${s.apiBaseUrl}/inbox/dev`);
  return lines;
}

/** Headless mode: the core, the built UI and the WebSocket transport, until a signal. */
export async function serveHeadless(opts: ServeOptions): Promise<Studio> {
  const print = opts.print ?? ((l) => process.stdout.write(l + '\n'));
  const notice = opts.notice ?? ((l) => process.stderr.write(l + '\n'));
  const uiDir = findUiDir();
  if (!uiDir) notice('webhook-studio: the UI is not built (run `npm run build`); serving the API only');
  const started = performance.now();
  const studio = await createStudio({
    dataDir: opts.dataDir,
    host: opts.host,
    port: opts.port,
    allowHosts: opts.allowHosts,
    uiDir: uiDir ?? undefined,
  });
  const readyMs = performance.now() - started;
  for (const line of startupLines(studio)) print(line);
  notice(`webhook-studio: ready in ${readyMs.toFixed(0)} ms · data in ${opts.dataDir} · Ctrl-C to stop`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    notice(`webhook-studio: ${signal}, closing`);
    studio.close().then(
      () => process.exit(0),
      (err: Error) => {
        notice(`webhook-studio: error while closing: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  // Under `npm run serve` / `npm start`: stop with the chain that launched us.
  watchLaunchers(parseStopWith(process.env[STOP_WITH_ENV]), (pid) => stop(`its launcher (pid ${pid}) exited`));
  return studio;
}
