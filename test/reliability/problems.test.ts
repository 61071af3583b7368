import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { tempDir } from '../helpers/tmp';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

/** A raw request (no client normalising the path), answered as text. */
interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  instance: string;
}

function raw(port: number, method: string, path: string): Promise<{ status: number; type: string; body: ProblemBody }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body: JSON.parse(text) as ProblemBody,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('every error has the same problem+json shape', () => {
  it('with an absolute instance, routed or not', async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const port = studio.status().port;
    const origin = `http://127.0.0.1:${port}`;
    const cases: [string, string, number, string][] = [
      ['GET', '/api/v1/webhooks/%E0%A4%A', 400, '/api/v1/webhooks/%E0%A4%A'], // bad percent-encoding: before routing
      ['GET', '/no/such/route?x=1', 404, '/no/such/route'],
      ['POST', '/inbox/bad%20name', 404, '/inbox/bad%20name'],
    ];
    for (const [method, path, status, instancePath] of cases) {
      const res = await raw(port, method, path);
      expect(res.status, path).toBe(status);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'about:blank', status, instance: `${origin}${instancePath}` });
      expect(typeof res.body.detail).toBe('string');
    }
  });
});
