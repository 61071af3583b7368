/**
 * The inbox's forwarding overhead, next to a 20-line node:http pipe proxy, in the same run.
 *
 * Four processes: a bare receiver, the pipe proxy in front of it, the studio (`serve`, the
 * user's path) with inbox `bench` forwarding to the receiver, and this load generator. Each
 * mode is timed against a direct POST to the receiver: overhead = p50(via) − p50(direct).
 * Sequential (one request at a time, modes interleaved) and with 16 concurrent senders
 * (rounds alternating modes). At the end every inbox request must be a stored capture.
 * Target (issue 17): the inbox's overhead ≤ 1.5× the pipe proxy's, both ways.
 *
 *   npm run build && npx tsx bench/inbox.ts      (BENCH_N, ROUNDS, CONCURRENCY to change)
 *
 * STUDIO_BASE=<another build's out/cli/index.mjs> adds a fifth process, that build's inbox
 * (mode `base`), timed in the same rounds: before/after on a machine whose load moves.
 * Keep that copy inside the repo (e.g. `.bench-base/cli`, untracked): node resolves the build's
 * packages from the node_modules above it, and a copy in /tmp finds none (it exits at once).
 */
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectStudio } from '../src/cli/connect';
import { fmt, median, percentile } from './lib/stats';

const N = Number(process.env.BENCH_N ?? 2000);
// Five rounds, not three: on a shared 2-CPU machine one round can land in another bench's burst,
// and the median of three then moves the concurrent ratio by ±0.5.
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const PER_ROUND = Number(process.env.BENCH_CONCURRENT_N ?? 4000);
const body = Buffer.from(JSON.stringify({ event_type: 'agent.message', data: { text: 'x'.repeat(400) } }));

const RECEIVER = `require('node:http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.setHeader('content-type','application/json');s.end('{"ok":true}')})}).listen(0,'127.0.0.1',function(){console.log('URL=http://127.0.0.1:'+this.address().port)})`;
// The floor: a pipe proxy as anyone would write it in 20 lines (keep-alive to the target).
const PIPE = `const http=require('node:http');const t=new URL(process.argv[1]);
const agent=new http.Agent({keepAlive:true,maxSockets:64});
http.createServer((q,s)=>{const o=http.request({host:t.hostname,port:t.port,path:q.url,method:q.method,headers:q.headers,agent},(r)=>{s.writeHead(r.statusCode,r.headers);r.pipe(s)});
o.on('error',()=>{s.statusCode=502;s.end()});q.pipe(o)}).listen(0,'127.0.0.1',function(){console.log('URL=http://127.0.0.1:'+this.address().port)})`;

const children: ChildProcess[] = [];
const TICK_US = 1e6 / 100; // USER_HZ
/** CPU time (user + system) a process has used so far, in µs (Linux). */
function cpuUs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_US;
}
function start(args: string[], line: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = line.exec(out);
      if (m) resolve({ child, match: m });
    });
    child.on('exit', (c) => reject(new Error(`${args[0]} exited ${c}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: URL): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - t0)
            : reject(new Error(`${url.href}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function concurrent(url: URL, count: number): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  let left = count;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) latencies.push(await post(url));
    }),
  );
  return { latencies, perSecond: (count / (performance.now() - t0)) * 1000 };
}

type Mode = 'direct' | 'pipe' | 'inbox' | 'base';
const BASE = process.env.STUDIO_BASE;

/** A studio (`serve`) on a fresh data folder, its inbox `bench` forwarding to the receiver. */
async function startStudio(entry: string, receiver: string, prof?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-inbox-'));
  const proc = await start(
    [...(prof ? ['--cpu-prof', '--cpu-prof-dir=' + prof] : []), entry, 'serve', '--port', '0', '--data-dir', dataDir],
    /SONZAI_BASE_URL=(\S+)/,
  );
  // Configure the inbox, then disconnect: no live view is open while the inbox is timed.
  const setup = await connectStudio(dataDir);
  await setup.client.call('inboxes.configure', { name: 'bench', forwardTo: `${receiver}/hook` });
  setup.close();
  return { dataDir, url: proc.match[1], pid: proc.child.pid };
}

async function main() {
  const receiver = (await start(['-e', RECEIVER], /URL=(\S+)/)).match[1];
  const pipeProc = await start(['-e', PIPE, receiver], /URL=(\S+)/);
  const pipe = pipeProc.match[1];
  const studio = await startStudio(process.env.STUDIO_ENTRY ?? 'out/cli/index.mjs', receiver, process.env.STUDIO_PROF);
  const base = BASE ? await startStudio(BASE, receiver) : null;
  const pidOf: Partial<Record<Mode, number>> = { pipe: pipeProc.child.pid, inbox: studio.pid, base: base?.pid };

  const urls: Partial<Record<Mode, URL>> = {
    direct: new URL(`${receiver}/hook`),
    pipe: new URL(`${pipe}/hook`),
    inbox: new URL(`${studio.url}/inbox/bench`),
    ...(base ? { base: new URL(`${base.url}/inbox/bench`) } : {}),
  };
  const modes = Object.keys(urls) as Mode[];
  const sent: Record<Mode, number> = { direct: 0, pipe: 0, inbox: 0, base: 0 };
  const send = async (m: Mode) => {
    sent[m]++;
    return post(urls[m]!);
  };

  for (let i = 0; i < 300; i++) for (const m of modes) await send(m);

  // Sequential: one request at a time, the three modes interleaved.
  const seq: Record<Mode, number[]> = { direct: [], pipe: [], inbox: [], base: [] };
  for (let i = 0; i < N; i++) for (const m of modes) seq[m].push(await send(m));

  // Concurrent: rounds alternating the modes, medians of the rounds.
  const conc = Object.fromEntries(modes.map((m) => [m, { p50: [], p99: [], rps: [], cpu: [] }])) as unknown as Record<
    Mode,
    { p50: number[]; p99: number[]; rps: number[]; cpu: number[] }
  >;
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of r % 2 ? [...modes].reverse() : modes) {
      sent[m] += PER_ROUND;
      const pid = pidOf[m];
      const cpu0 = pid ? cpuUs(pid) : 0;
      const { latencies, perSecond } = await concurrent(urls[m]!, PER_ROUND);
      if (pid) conc[m].cpu.push((cpuUs(pid) - cpu0) / PER_ROUND);
      conc[m].p50.push(percentile(latencies, 50));
      conc[m].p99.push(percentile(latencies, 99));
      conc[m].rps.push(perSecond);
    }
  }

  const newest = async (dataDir: string) => {
    const conn = await connectStudio(dataDir);
    const { captures } = await conn.client.call('captures.list', { inbox: 'bench', limit: 1 });
    conn.close();
    return captures[0];
  };

  console.log(`inbox forwarding overhead, ${body.length}-byte JSON body, keep-alive; baseline: direct POST`);
  const sp = (m: Mode) => percentile(seq[m], 50);
  const seqPipe = sp('pipe') - sp('direct');
  const seqInbox = sp('inbox') - sp('direct');
  console.log(`sequential, ${N} requests per mode (interleaved):`);
  for (const m of modes) {
    console.log(
      `  ${m.padEnd(6)} p50 ${fmt(sp(m), 3)} ms  p99 ${fmt(percentile(seq[m], 99), 3)} ms` +
        (m === 'direct' ? '' : `  overhead p50 +${fmt(sp(m) - sp('direct'), 3)} ms`),
    );
  }
  const seqRatio = seqInbox / seqPipe;
  console.log(
    `  inbox overhead / pipe overhead = ${fmt(seqRatio, 2)} (target ≤ 1.5 → ${seqRatio <= 1.5 ? 'met' : 'NOT met'})`,
  );
  if (base) console.log(`  base  overhead / pipe overhead = ${fmt((sp('base') - sp('direct')) / seqPipe, 2)}`);

  const cp = (m: Mode) => median(conc[m].p50);
  const cPipe = cp('pipe') - cp('direct');
  const cInbox = cp('inbox') - cp('direct');
  console.log(`${CONCURRENCY} concurrent senders, ${PER_ROUND} requests per round, ${ROUNDS} rounds (medians):`);
  for (const m of modes) {
    console.log(
      `  ${m.padEnd(6)} p50 ${fmt(cp(m), 3)} ms  p99 ${fmt(median(conc[m].p99), 3)} ms  ${fmt(median(conc[m].rps), 0)} req/s` +
        (m === 'direct'
          ? ''
          : `  overhead p50 +${fmt(cp(m) - cp('direct'), 3)} ms  process CPU ${fmt(median(conc[m].cpu), 0)} µs/request`),
    );
  }
  const cRatio = cInbox / cPipe;
  console.log(
    `  inbox overhead / pipe overhead = ${fmt(cRatio, 2)} (target ≤ 1.5 → ${cRatio <= 1.5 ? 'met' : 'NOT met'})`,
  );
  if (base) console.log(`  base  overhead / pipe overhead = ${fmt((cp('base') - cp('direct')) / cPipe, 2)}`);
  // A fresh data folder: the newest capture's sequence number counts every capture ever stored.
  for (const [m, dir] of [['inbox', studio.dataDir], ...(base ? [['base', base.dataDir]] : [])] as [Mode, string][]) {
    const last = await newest(dir);
    const stored = last?.seq ?? 0;
    console.log(
      `${m} captures stored: ${stored} of ${sent[m]} inbox requests, the last forwarded → ${last?.forwardStatus}`,
    );
    if (stored !== sent[m]) process.exitCode = 1;
  }
  for (const c of children) c.kill('SIGTERM');
  agent.destroy();
  for (const dir of [studio.dataDir, base?.dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} catch (err) {
  // The receiver, the pipe proxy and the studios share this process's stderr: left running,
  // they keep a `| tail` waiting for ever after a failed start.
  for (const c of children) c.kill('SIGTERM');
  throw err;
}
