import { describe, expect, it } from 'vitest';
import { curlCommand, fromBase64, prettyJson, showBytes } from '../../../src/renderer/src/features/tunnel/bytes';

describe('tunnel byte helpers', () => {
  it('shows UTF-8 as text and anything else as a hex dump', () => {
    expect(showBytes(new TextEncoder().encode('héllo'))).toEqual({ text: 'héllo', binary: false, truncated: false });
    const bin = showBytes(new Uint8Array([0xff, 0x00, 0x41]));
    expect(bin).toEqual({ text: '000000  ff 00 41', binary: true, truncated: false });
    expect(showBytes(new Uint8Array(10), 4).truncated).toBe(true);
    expect(Array.from(fromBase64(btoa('\u0000\u00ff')))).toEqual([0, 255]);
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('not json')).toBeNull();
  });

  it('builds a curl command with the exact body, quoting single quotes, without hop headers', () => {
    const cmd = curlCommand(
      'POST',
      'http://localhost:3000/x',
      [
        ['Host', 'studio'],
        ['Content-Type', 'application/json'],
        ['Sonzai-Signature', 't=1,v1=ab'],
      ],
      new TextEncoder().encode(`{"it's":1}`),
    );
    expect(cmd).toBe(
      [
        `curl -X POST 'http://localhost:3000/x'`,
        `-H 'Content-Type: application/json'`,
        `-H 'Sonzai-Signature: t=1,v1=ab'`,
        `--data-binary '{"it'\\''s":1}'`,
      ].join(' \\\n  '),
    );
    expect(curlCommand('POST', 'http://x', [], new Uint8Array([0xff]))).toBeNull();
  });
});
