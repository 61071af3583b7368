import { defaultDataDir } from '../core/paths';
import { parseAllowedHost } from '../core/http/host-guard';

export interface LaunchOptions {
  dataDir: string;
  port: number;
  /** The dev server's address (electron-vite dev); never honoured in a packaged app. */
  devRendererUrl: string | null;
  /** better-sqlite3 built for Electron (`npm start`); a packaged app carries its own. */
  nativeBinding: string | undefined;
  /** Names besides loopback that may reach the studio (`--allow-host`, repeatable, or WEBHOOK_STUDIO_ALLOW_HOSTS). */
  allowHosts: string[];
}

export const DEFAULT_PORT = 8455;

function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/**
 * Where the desktop studio keeps its data and listens: `--data-dir` / `--port` (as
 * `npm start -- --port 0` passes them), then the environment, then the defaults. The
 * overrides that change what code runs (renderer URL, native module) only count when the
 * app is not packaged: a packaged app loads nothing from outside its own files.
 */
export function launchOptions(argv: readonly string[], env: NodeJS.ProcessEnv, isPackaged: boolean): LaunchOptions {
  const rawPort = flag(argv, '--port') ?? env.WEBHOOK_STUDIO_PORT;
  const port =
    rawPort !== undefined && /^\d{1,5}$/.test(rawPort) && Number(rawPort) <= 65535 ? Number(rawPort) : DEFAULT_PORT;
  return {
    dataDir: flag(argv, '--data-dir') ?? env.WEBHOOK_STUDIO_DATA_DIR ?? defaultDataDir(),
    port,
    devRendererUrl: isPackaged ? null : (env.ELECTRON_RENDERER_URL ?? null),
    nativeBinding: isPackaged ? undefined : env.WEBHOOK_STUDIO_NATIVE_BINDING,
    allowHosts: allowedHosts(argv, env),
  };
}

/** Every `--allow-host` value and the comma-separated WEBHOOK_STUDIO_ALLOW_HOSTS; invalid ones are dropped. */
function allowedHosts(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const raw: string[] = (env.WEBHOOK_STUDIO_ALLOW_HOSTS ?? '').split(',');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--allow-host' && argv[i + 1] !== undefined) raw.push(argv[i + 1]);
    else if (argv[i].startsWith('--allow-host=')) raw.push(argv[i].slice('--allow-host='.length));
  }
  return raw.map((h) => parseAllowedHost(h)).filter((h): h is string => h !== null);
}
