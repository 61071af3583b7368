import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { tempDir } from '../helpers/tmp';
// @ts-expect-error a plain .mjs script without types
import afterPack, { executablePath } from '../../scripts/after-pack.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A file laid out like an Electron binary's fuse wire: sentinel, version 1, 9 fuses as Electron ships them. */
function fakeBinary(path: string): void {
  const shipped = '101001000'; // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ...
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.alloc(4096, 7),
      Buffer.from(SENTINEL),
      Buffer.from([1, 9]),
      Buffer.from(shipped),
      Buffer.alloc(4096, 7),
    ]),
  );
}

describe('the afterPack hook', () => {
  it('sets the fuses of the packaged executable with @electron/fuses', async () => {
    const appOutDir = tempDir();
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'sonzai-webhook-studio' }, executableName: 'sonzai-webhook-studio' },
    };
    const exe = executablePath(context);
    expect(exe).toBe(join(appOutDir, 'sonzai-webhook-studio'));
    fakeBinary(exe);
    const before = readFileSync(exe);
    await afterPack(context);
    const wire = await getCurrentFuseWire(exe);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    // Nothing but the wire changed.
    const after = readFileSync(exe);
    expect(after.length).toBe(before.length);
    const changed = [...after].map((b, i) => (b !== before[i] ? i : -1)).filter((i) => i >= 0);
    const wireStart = 4096 + SENTINEL.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + 9)).toBe(true);
  });

  it('finds the executable electron-builder writes on each platform', () => {
    const packager = { appInfo: { productFilename: 'Sonzai Webhook Studio' }, executableName: 'sonzai-webhook-studio' };
    expect(executablePath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      join('/o', 'Sonzai Webhook Studio.app'),
    );
    expect(executablePath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      join('/o', 'Sonzai Webhook Studio.exe'),
    );
    expect(executablePath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      join('/o', 'sonzai-webhook-studio'),
    );
  });
});
