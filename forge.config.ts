// Electron Forge: how the app is packaged, made into installers and published.
// docs/release.md is the release checklist; .github/workflows/release.yml runs this
// config on Windows, macOS and Linux for every v* tag.
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { PublisherGithub } from '@electron-forge/publisher-github';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { RELEASE_REPO, RELEASE_REPO_SLUG } from './main/release-repo';
import { isLeftOutOfApp } from './packaging/forge/app-files';
import { githubUploadFetch } from './packaging/forge/github-upload-fetch';
import { renameReleaseFiles } from './packaging/forge/artifact-names';
import { macSigning, signingSummary, windowsSigning } from './packaging/forge/signing';
import packageJson from './package.json';

const PRODUCT_NAME = packageJson.productName;
/** main/join-links.ts handles these links (a test keeps the two equal). */
const JOIN_SCHEME = 'webrtc-desktop-host';
const ICONS = 'packaging/icons/icon'; // packager adds .icns (macOS) or .ico (Windows)
const mac = macSigning(process.env);
const windows = windowsSigning(process.env);

const config: ForgeConfig = {
  packagerConfig: {
    name: PRODUCT_NAME,
    executableName: packageJson.name,
    appBundleId: 'io.github.webrtc-desktop-host',
    appCategoryType: 'public.app-category.productivity',
    icon: ICONS,
    asar: true,
    ignore: isLeftOutOfApp,
    protocols: [{ name: `${PRODUCT_NAME} join link`, schemes: [JOIN_SCHEME] }],
    extendInfo: {
      // Screen recording prompt text on macOS (the capture API needs it).
      NSScreenCaptureUsageDescription: 'Share your screen with the viewers you admit.',
      // Admit / Deny buttons on the "asks to join" notification appear only for alert-style apps.
      NSUserNotificationAlertStyle: 'alert',
    },
    ...(mac.osxSign ? { osxSign: mac.osxSign } : {}),
    ...(mac.osxNotarize ? { osxNotarize: mac.osxNotarize } : {}),
  },
  rebuildConfig: {},
  makers: [
    new MakerSquirrel({
      name: packageJson.name.replace(/-/g, '_'),
      setupIcon: `${ICONS}.ico`,
      iconUrl: `https://raw.githubusercontent.com/${RELEASE_REPO_SLUG}/main/${ICONS}.ico`,
      ...windows.certificate,
    }),
    new MakerDMG({ icon: `${ICONS}.icns`, format: 'ULFO' }),
    // macOS: update.electronjs.org serves this zip to the app's updater. Linux: a portable zip.
    new MakerZIP({}, ['darwin', 'linux']),
    new MakerDeb({
      options: {
        name: packageJson.name,
        productName: PRODUCT_NAME,
        genericName: 'Screen sharing',
        icon: `${ICONS}.png`,
        section: 'net',
        homepage: `https://github.com/${RELEASE_REPO_SLUG}`,
        maintainer: 'WebRTC Desktop Host maintainers',
        categories: ['Network', 'Video'],
        mimeType: [`x-scheme-handler/${JOIN_SCHEME}`],
      },
    }),
  ],
  publishers: [
    // A draft: nothing is visible to users (or update.electronjs.org) until the release
    // workflow has uploaded every platform's files and publishes it.
    new PublisherGithub({
      repository: { owner: RELEASE_REPO.owner, name: RELEASE_REPO.name },
      draft: true,
      prerelease: false,
      octokitOptions: {
        request: { fetch: githubUploadFetch },
        // GitHub Actions sets GITHUB_API_URL; elsewhere Octokit uses api.github.com.
        ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
      },
    }),
  ],
  hooks: {
    prePackage: async (_config, platform) => {
      console.log(signingSummary(platform, mac, windows));
    },
    postMake: async (_config, results) => renameReleaseFiles(results, PRODUCT_NAME, packageJson.name),
  },
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
