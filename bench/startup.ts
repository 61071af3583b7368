// Headless cold start to "API ready" and idle memory, next to a bare node:http server
// started the same way in the same run. Needs `npm run build` (out/cli).
// STUDIO_ENTRY=<path to another build's out/cli/index.mjs> measures that build instead;
// STUDIO_BASE=<another build's out/cli/index.mjs> measures it too, in the same rounds (before/after
// on a machine whose load moves).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median } from './lib/stats';

const RUNS = Number(process.env.RUNS ?? 10);
const BARE = `require('node:http').createServer((q,s)=>s.end('{"ok":true}')).listen(0,'127.0.0.1',function(){console.log('URL=http://127.0.0.1:'+this.address().port)})`;

interface Sample {
  readyMs: number;
  rssMb: number;
}

async function measure(args: string[], urlLine: RegExp, path: string): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = urlLine.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`exited ${c}`)));
  });
  // Ready = the first request answered.
  for (;;) {
    try {
      const res = await fetch(url + path);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      /* not yet */
    }
  }
  const readyMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  return { readyMs, rssMb };
}

/** A real cold start: a fresh, empty data dir (migrations, defaults), removed afterwards. */
async function coldStart(entry: string): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  try {
    return await measure(
      [entry, 'serve', '--port', '0', '--data-dir', dir],
      /SONZAI_BASE_URL=(\S+)/,
      '/api/v1/webhooks',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BASE = process.env.STUDIO_BASE;
const studio: Sample[] = [];
const base: Sample[] = [];
const bare: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  studio.push(await coldStart(process.env.STUDIO_ENTRY ?? 'out/cli/index.mjs'));
  if (BASE) base.push(await coldStart(BASE));
  bare.push(await measure(['-e', BARE], /URL=(\S+)/, '/'));
}
const s = median(studio.map((x) => x.readyMs));
const b = median(bare.map((x) => x.readyMs));
console.log(`startup (median of ${RUNS}, spawn → first API answer, fresh data dir)`);
console.log(`  studio headless : ${fmt(s)} ms   idle RSS ${fmt(median(studio.map((x) => x.rssMb)))} MB`);
if (BASE) {
  const m = median(base.map((x) => x.readyMs));
  console.log(`  base build      : ${fmt(m)} ms   idle RSS ${fmt(median(base.map((x) => x.rssMb)))} MB   (${BASE})`);
}
console.log(`  bare node:http  : ${fmt(b)} ms   idle RSS ${fmt(median(bare.map((x) => x.rssMb)))} MB`);
console.log(
  `  ratio           : ${fmt(s / b, 2)}× the bare server's start; target < 500 ms → ${s < 500 ? 'met' : 'NOT met'}`,
);
