import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio } from '../../src/core/index';
import { addTestProject, seedAttempts } from '../helpers/seed-attempts';
import { tempDir } from '../helpers/tmp';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = join(process.cwd(), 'src/cli/index.ts');
const VECTOR = {
  body: '{"test":true}',
  header: 'Sonzai-Signature: t=1700000000,v1=6b5fed5c051827b218c67bf2582ae0b5dea7dcfdb4341bb32bcbbeda5980515a',
  secret: 'whsec_fixedkey123',
};

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(TSX, [CLI, ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('webhook-studio verify', () => {
  it('exits 0 for a valid signature and 1 with the reason otherwise (no studio needed)', async () => {
    const base = ['verify', '--header', VECTOR.header, '--secret', VECTOR.secret, '--now', '1700000010'];
    const ok = await cli([...base, '--body', VECTOR.body]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^✓ valid/);
    const dir = tempDir();
    const file = join(dir, 'body.json');
    writeFileSync(file, '{"test": true}');
    const bad = await cli([...base, '--body', `@${file}`]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ reserialised: .*whitespace/);
    const stale = await cli(['verify', '--header', VECTOR.header, '--secret', VECTOR.secret, '--body', VECTOR.body]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/timestamp_too_old/);
  }, 60_000);
});

describe('webhook-studio attempts / replay / export against a running studio', () => {
  let dataDir: string;
  let studio: Awaited<ReturnType<typeof createStudio>>;
  beforeEach(async () => {
    dataDir = tempDir();
    studio = await createStudio({ dataDir, port: 0 });
    addTestProject(studio.context.db);
    seedAttempts(studio.context.db, [
      { attemptId: 'ok1', eventType: 'agent.message' },
      { attemptId: 'bad1', eventType: 'agent.wakeup', status: 'failed', responseCode: 0, errorMessage: 'ECONNREFUSED' },
    ]);
  });
  afterEach(() => studio.close());

  it('lists with filters, as text and JSON, and writes a HAR file', async () => {
    const text = await cli(['attempts', '--status', 'failed', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('bad1');
    expect(text.stdout).toContain('ECONNREFUSED');
    expect(text.stdout).not.toContain('ok1');
    const json = await cli(['attempts', '--event-type', 'agent.message', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(json.stdout).map((a: { attemptId: string }) => a.attemptId)).toEqual(['ok1']);
    expect((await cli(['attempts', '--status', 'meh', '--data-dir', dataDir])).code).toBe(2);
    const out = join(dataDir, 'x.har');
    const har = await cli(['export', '--format', 'har', '--out', out, '--data-dir', dataDir]);
    expect(har.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).log.entries).toHaveLength(2);
  }, 60_000);

  it('replays: unknown attempt, nothing failed, and a bulk summary with its exit code', async () => {
    const missing = await cli(['replay', 'att_nope', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no attempt att_nope');
    const nothing = await cli(['replay', '--failed', '--event-type', 'agent.message', '--data-dir', dataDir]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain('0 failed deliveries');
    // Nothing listens at the attempt's URL (and before the dispatcher is merged, replays are
    // refused): either way the summary counts one delivery not fixed, and the exit code is 1.
    const refused = await cli(['replay', '--failed', '--event-type', 'agent.wakeup', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /^1 failed deliveries: 0 now succeed, (1 still fail, 0|0 still fail, 1) could not be replayed/m,
    );
  }, 60_000);
});
