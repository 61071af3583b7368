import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `<cli> serve` on a free loopback port with its data in `dir` (extra Node flags before
 * the CLI, e.g. `--cpu-prof`), waits for the address and key it prints, and registers `webhookUrl`
 * for `agent.message`: a studio ready for `trigger agent.message --count N`.
 */
export async function serveWithWebhook(
  cli: string,
  dir: string,
  webhookUrl: string,
  nodeArgs: string[] = [],
): Promise<{ serve: ChildProcess; base: string; key: string }> {
  const serve = spawn(process.execPath, [...nodeArgs, cli, 'serve', '--port', '0', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    serve.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/SONZAI_API_KEY=\S+\n/.test(out)) resolve();
    });
    serve.once('exit', (code) => reject(new Error(`${cli} serve exited ${code} before it was ready`)));
  });
  const base = /SONZAI_BASE_URL=(\S+)/.exec(out)![1];
  const key = /SONZAI_API_KEY=(\S+)/.exec(out)![1];
  const put = await fetch(`${base}/api/v1/webhooks/agent.message`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook_url: webhookUrl }),
  });
  if (put.status !== 200) throw new Error(`webhook registration answered ${put.status}`);
  return { serve, base, key };
}
