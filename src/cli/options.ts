import { Option } from 'commander';
import { resolve } from 'node:path';
import { defaultDataDir } from '../core/paths';
import { parseAllowedHost } from '../core/http/host-guard';
import { CliError, EXIT } from './errors';

export const DEFAULT_PORT = 8455;

export function dataDirOption(): Option {
  return new Option('--data-dir <dir>', 'studio data folder (env WEBHOOK_STUDIO_DATA_DIR)').default(
    undefined,
    defaultDataDir(),
  );
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.WEBHOOK_STUDIO_DATA_DIR ?? defaultDataDir(process.platform, env));
}

export function parsePort(value: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = value ?? env.WEBHOOK_STUDIO_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535)
    throw new CliError(`--port must be a number from 0 to 65535, got "${raw}"`, EXIT.usage);
  return n;
}

/** `--allow-host` (repeatable) plus the comma-separated WEBHOOK_STUDIO_ALLOW_HOSTS; a malformed name is a usage error. */
export function parseAllowHosts(flags: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = [...(env.WEBHOOK_STUDIO_ALLOW_HOSTS ?? '').split(','), ...(flags ?? [])].filter((h) => h.trim() !== '');
  return raw.map((h) => {
    const ok = parseAllowedHost(h);
    if (!ok)
      throw new CliError(`--allow-host takes a host name or address, optionally with :port; got "${h}"`, EXIT.usage);
    return ok;
  });
}
