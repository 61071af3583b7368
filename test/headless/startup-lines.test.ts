import { describe, expect, it } from 'vitest';
import { createStudio } from '../../src/core/index';
import { startupLines } from '../../src/headless/serve';
import { tempDir } from '../helpers/tmp';

describe('serve start-up lines', () => {
  it('include the inbox URL, and that URL captures a request', async () => {
    const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    try {
      const line = startupLines(studio).find((l) => l.startsWith('WEBHOOK_STUDIO_INBOX='));
      expect(line).toBe(`WEBHOOK_STUDIO_INBOX=http://127.0.0.1:${studio.status().port}/inbox/dev`);
      const res = await fetch(line!.split('=')[1], { method: 'POST', body: 'x' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-webhook-studio-capture')).toMatch(/^cap_/);
    } finally {
      await studio.close();
    }
  });
});
