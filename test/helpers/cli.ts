import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve('out/cli/index.mjs');

export interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

/** Runs the built CLI (`npm run build` first), or another copy of it at `entry`, as a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, entry = CLI): Running {
  const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitFor(re, timeoutMs = 15_000) {
      return new Promise((resolveMatch, reject) => {
        const started = Date.now();
        const tick = () => {
          const m = out.match(re);
          if (m) return resolveMatch(m);
          if (child.exitCode !== null) return reject(new Error(`exited ${child.exitCode}: ${err}`));
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`timed out waiting for ${re}; stdout=${out} stderr=${err}`));
          setTimeout(tick, 20);
        };
        tick();
      });
    },
  };
}

/** Runs the CLI to completion. */
export async function cliOnce(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = runCli(args, env);
  const code = await r.exit;
  return { code, stdout: r.stdout(), stderr: r.stderr() };
}
