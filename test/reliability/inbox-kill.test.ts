import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { createStudioClient } from '../../src/shared/rpc-client';
import { CLI, runCli, type Running } from '../helpers/cli';
import { rawHeader, rawRequest } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

let running: Running | undefined;
let studio: Studio | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exit;
  }
  await studio?.close();
  running = studio = undefined;
});

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` before the reliability tests (npm test does)');
});

describe('the inbox when the studio is killed', () => {
  it('every capture whose sender got an answer is there after a SIGKILL and a restart, bytes exact', async () => {
    const dataDir = tempDir();
    running = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    const [, base] = await running.waitFor(/^SONZAI_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    // 200 senders at once; the studio is killed the moment the last answer arrives, before the
    // batch that would take the last of them into studio.db.
    const answered = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        rawRequest(`${base}/inbox/dev/k${i}`, {
          headers: ['Content-Type', 'application/octet-stream'],
          body: Buffer.from([i & 0xff, 0, 0xfe, 10, 13]),
        }).then((res) => ({ status: res.status, id: rawHeader(res.rawHeaders, 'x-webhook-studio-capture')! })),
      ),
    );
    running.child.kill('SIGKILL');
    await running.exit;
    expect(answered.map((a) => a.status)).toEqual(Array(200).fill(200));
    // What studio.db held at the kill (possibly not all of it): the rest is in the journal.
    const db = new Database(join(dataDir, 'studio.db'), { readonly: true });
    const inStore = db.prepare('SELECT count(*) FROM captures').pluck().get() as number;
    db.close();
    const journaled = statSync(join(dataDir, 'inbox-journal')).size;
    expect(inStore < 200 || journaled === 0).toBe(true);

    studio = await createStudio({ dataDir, port: 0, writeRuntimeFile: false });
    const client = createStudioClient(studio.connectInMemory());
    for (const [i, a] of answered.entries()) {
      const c = await client.call('captures.get', { captureId: a.id });
      expect([c.path, Buffer.from(c.bodyBase64, 'base64')]).toEqual([
        `/inbox/dev/k${i}`,
        Buffer.from([i & 0xff, 0, 0xfe, 10, 13]),
      ]);
    }
    expect((await client.call('captures.list', { inbox: 'dev', limit: 500 })).captures).toHaveLength(200);
    expect(statSync(join(dataDir, 'inbox-journal')).size).toBe(0);
    console.log(`inbox kill test: ${inStore} of 200 answered captures were in studio.db at the kill`);
  });
});
