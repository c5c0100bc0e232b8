// Electron Forge: how the app is packaged. Makers and publishing are completed by the
// release work (issue 5); this already packs only what the app runs (dist/) and
// turns off the Electron features an attacker could use (fuses).
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'WebRTC Desktop Host',
    executableName: 'webrtc-desktop-host',
    appBundleId: 'io.github.webrtc-desktop-host',
    asar: true,
    // Only the built app goes in: no sources, tests or dev tooling.
    ignore: (path: string) => path !== '' && !/^\/(dist|package\.json)(\/|$)/.test(path),
    protocols: [{ name: 'WebRTC Desktop Host join link', schemes: ['webrtc-desktop-host'] }],
  },
  rebuildConfig: {},
  makers: [
    new MakerSquirrel({ name: 'webrtc_desktop_host' }),
    new MakerZIP({}, ['darwin', 'linux']),
    new MakerDeb({ options: { categories: ['Network', 'Video'], mimeType: ['x-scheme-handler/webrtc-desktop-host'] } }),
  ],
  plugins: [
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
