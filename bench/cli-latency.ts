// How long a CLI command that talks to a running studio takes, whole process (spawn → exit),
// next to a bare `node -e 0` started the same way in the same run, and next to the CLI with
// every command loaded (`--help` loads them all: what each call loaded before commands were
// loaded on demand). Needs `npm run build` (out/cli). Target: < 300 ms per command.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, percentile } from './lib/stats';

const RUNS = Number(process.env.RUNS ?? 15);
const CLI = 'out/cli/index.mjs';
const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));

const studio = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dir], {
  stdio: ['ignore', 'pipe', 'ignore'],
});
await new Promise<void>((resolve, reject) => {
  let out = '';
  studio.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('WEBHOOK_STUDIO_INBOX=')) resolve();
  });
  studio.on('exit', (c) => reject(new Error(`the studio exited ${c}`)));
});

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const d = ['--data-dir', dir];
const cases: [string, string[]][] = [
  ['bare node -e 0', ['-e', '0']],
  ['--help (every command loaded)', [CLI, '--help']],
  ['status', [CLI, 'status', ...d]],
  ['webhooks list', [CLI, 'webhooks', 'list', ...d]],
  ['events', [CLI, 'events', ...d]],
  ['trigger agent.mood_change', [CLI, 'trigger', 'agent.mood_change', ...d]],
  ['attempts --limit 20', [CLI, 'attempts', '--limit', '20', ...d]],
];
timeOnce([CLI, 'webhooks', 'add', 'agent.mood_change', 'http://127.0.0.1:9/bench', ...d]);
const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (const [, args] of cases) timeOnce(args); // warm-up: file cache
// Interleaved, so a machine that slows down slows every case alike.
for (let i = 0; i < RUNS; i++) for (const [name, args] of cases) samples.get(name)!.push(timeOnce(args));

studio.kill('SIGTERM');
await new Promise((r) => studio.on('exit', r));
rmSync(dir, { recursive: true, force: true });

const bare = median(samples.get('bare node -e 0')!);
console.log(`CLI latency, spawn → exit (median and p90 of ${RUNS}, interleaved; a studio running)`);
for (const [name] of cases) {
  const v = samples.get(name)!;
  const m = median(v);
  const verdict =
    name.startsWith('bare') || name.startsWith('--help') ? '' : m < 300 ? '  < 300 ms: met' : '  < 300 ms: NOT met';
  console.log(
    `  ${name.padEnd(30)} ${fmt(m).padStart(7)} ms  p90 ${fmt(percentile(v, 90)).padStart(7)} ms  ${fmt(m / bare, 2)}× bare${verdict}`,
  );
}
