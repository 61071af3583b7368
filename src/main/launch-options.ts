import { defaultDataDir } from '../core/paths';

export interface LaunchOptions {
  dataDir: string;
  port: number;
  /** The dev server's address (electron-vite dev); never honoured in a packaged app. */
  devRendererUrl: string | null;
  /** better-sqlite3 built for Electron (`npm start`); a packaged app carries its own. */
  nativeBinding: string | undefined;
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
  };
}
