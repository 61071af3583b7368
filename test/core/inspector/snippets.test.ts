import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SNIPPETS } from '../../../src/core/inspector/snippets';
import { sign } from '../../../src/core/signing/signature';
import { tempDir } from '../../helpers/tmp';

const SECRET = 'whsec_snippetkey789';
const BODY = '{"event_type":"agent.message","agent_id":"ag_1","data":{"text":"こんにちは \\"world\\""}}';
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

function start(command: string, file: string): Promise<number> {
  const child = spawn(command, [file], {
    env: { ...process.env, PORT: '0', WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${err}`)));
  });
}

async function post(port: number, body: string, header: string | null) {
  const res = await fetch(`http://127.0.0.1:${port}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header ? { 'sonzai-signature': header } : {}) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.each([
  { language: 'node', command: process.execPath, skip: false },
  { language: 'python', command: 'python3', skip: !hasPython },
])('the $language snippet', ({ language, command, skip }) => {
  it.skipIf(skip)('accepts a real signed request and rejects a tampered, stale or unsigned one', async () => {
    const snippet = SNIPPETS.find((s) => s.language === language)!;
    const file = join(tempDir(), snippet.filename);
    writeFileSync(file, snippet.code);
    const port = await start(command, file);
    const now = Math.floor(Date.now() / 1000);
    const header = sign(BODY, SECRET, now);
    expect(await post(port, BODY, header)).toEqual({ status: 204, text: '' });
    // Rotation overlap: two v1 entries, the second one valid.
    expect((await post(port, BODY, sign(BODY, ['whsec_other', SECRET], now))).status).toBe(204);
    expect(await post(port, BODY.replace('world', 'w0rld'), header)).toEqual({
      status: 400,
      text: 'signature mismatch',
    });
    expect(await post(port, BODY, sign(BODY, SECRET, now - 400))).toEqual({
      status: 400,
      text: 'timestamp outside tolerance',
    });
    expect((await post(port, BODY, null)).text).toBe('missing Sonzai-Signature header');
    expect((await post(port, BODY, 'v1,abc')).text).toBe('malformed Sonzai-Signature header');
  });
});

describe('the go snippet', () => {
  it('uses the same scheme: literal key without whsec_, "<t>." + raw body, hex, 300 s', () => {
    const go = SNIPPETS.find((s) => s.language === 'go')!.code;
    expect(go).toContain('strings.TrimPrefix(secret, "whsec_")');
    expect(go).toContain('strconv.FormatInt(timestamp, 10) + "."');
    expect(go).toContain('hex.EncodeToString');
    expect(go).toContain('toleranceSeconds = 300');
    expect(go).toContain('hmac.Equal');
  });
});
