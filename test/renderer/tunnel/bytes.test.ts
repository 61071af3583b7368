import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import {
  byteSize,
  curlCommand,
  fromBase64,
  prettyJson,
  showBytes,
} from '../../../src/renderer/src/features/tunnel/bytes';

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

describe('byte sizes for a person', () => {
  afterEach(async () => {
    await i18next.changeLanguage('en');
  });

  it('says bytes, KiB and MiB with grouped digits, in the UI language', async () => {
    expect(byteSize(1)).toBe('1 byte');
    expect(byteSize(1000)).toBe('1,000 bytes');
    expect(byteSize(64 * 1024)).toBe('64 KiB');
    expect(byteSize(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    await i18next.changeLanguage('ja');
    expect(byteSize(13)).toBe('13 バイト');
    await i18next.changeLanguage('zh');
    expect(byteSize(13)).toBe('13 字节');
    expect(byteSize(2048)).toBe('2 KiB');
  });
});
