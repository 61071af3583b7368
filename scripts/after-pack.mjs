// electron-builder's afterPack hook: sets Electron's fuses on the packaged executable with
// the standard @electron/fuses, before it is signed. The packaged app cannot be turned into
// a plain Node (RunAsNode), take NODE_OPTIONS or --inspect, and loads only its own,
// integrity-checked app.asar.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

export function fuseConfig(platform, arch) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Flipping fuses breaks the ad-hoc signature that arm64 macOS binaries need to run.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
  };
}

/** The packaged executable electron-builder wrote into appOutDir. */
export function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export default async function afterPack(context) {
  await flipFuses(
    executablePath(context),
    fuseConfig(context.electronPlatformName, ARCH[context.arch] ?? context.arch),
  );
}
