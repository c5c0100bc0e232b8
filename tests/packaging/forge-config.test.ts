// forge.config.ts as declared: which makers run on which platform, the fuses, the
// protocol, the icons, the publisher, and the signing hooks' behaviour with and
// without their secrets. (linux-packaging-config.test.ts runs the config for real.)
// The config is loaded in a child process, by the loader Forge uses (read-forge-config.mjs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOIN_SCHEME } from '../../main/join-links';
import { RELEASE_REPO } from '../../main/release-repo';
import { UPDATE_REPO } from '../../main/updates';
import packageJson from '../../package.json';
import { isLeftOutOfApp } from '../../packaging/forge/app-files';
import { releaseFileName } from '../../packaging/forge/artifact-names';
import { withoutContentLength } from '../../packaging/forge/github-upload-fetch';
import { macSigning, signingSummary, windowsSigning } from '../../packaging/forge/signing';
import { releaseFiles } from '../../packaging/manifests/release-files';
import { ROOT, runJsonHelper } from './run-node';

interface Declared {
  readonly name: string;
  readonly config: Record<string, unknown>;
}

interface DeclaredConfig {
  readonly packagerConfig: Record<string, unknown>;
  readonly ignored: string[];
  readonly makers: (Declared & { readonly platforms: string[] })[];
  readonly plugins: Declared[];
  readonly publishers: Declared[];
  readonly hooks: string[];
}

/** @electron/fuses's FuseV1Options (an ES module, so not importable here), by index. */
const FUSE = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  GrantFileProtocolExtraPrivileges: 7,
} as const;
const PATHS_KEPT = [
  '/package.json',
  '/dist',
  '/dist/main',
  '/dist/main/main.js',
  '/dist/preload/preload.js',
  '/dist/renderer/index.html',
  '/dist/renderer/app.js',
  '/dist/signaling',
  '/dist/signaling/relay-worker.js',
];
const PATHS_LEFT_OUT = [
  '/node_modules',
  '/node_modules/ws/index.js',
  '/main/main.ts',
  '/tests',
  '/dist/bench',
  '/dist/bench/webrtc-bench.js',
  '/dist/signaling/serve.js',
  '/dist/packaging/release-manifests.js',
  '/dist/main/main.js.map',
  '/dist/renderer/app.js.map',
  '/forge.config.ts',
  '/packaging',
  '/.github',
];

let config: DeclaredConfig;
let makers: DeclaredConfig['makers'] = [];

beforeAll(async () => {
  config = await runJsonHelper<DeclaredConfig>('read-forge-config.mjs', [ROOT, ...PATHS_KEPT, ...PATHS_LEFT_OUT]);
  makers = config.makers;
}, 30_000);

const makersFor = (platform: string) =>
  makers
    .filter((maker) => maker.platforms.includes(platform))
    .map((maker) => maker.name)
    .sort();

describe('makers per platform', () => {
  it('Windows: Squirrel (installer, RELEASES and .nupkg for auto-update)', () => {
    expect(makersFor('win32')).toEqual(['squirrel']);
  });

  it('macOS: DMG, and the zip auto-update downloads', () => {
    expect(makersFor('darwin')).toEqual(['dmg', 'zip']);
  });

  it('Linux: deb and a portable zip', () => {
    expect(makersFor('linux')).toEqual(['deb', 'zip']);
  });

  it('the deb registers the join-link scheme and sorts under Network and Video', () => {
    const deb = makers.find((maker) => maker.name === 'deb')?.config as { options: Record<string, unknown> };
    expect(deb.options).toMatchObject({
      name: packageJson.name,
      categories: ['Network', 'Video'],
      mimeType: [`x-scheme-handler/${JOIN_SCHEME}`],
    });
  });
});

describe('packagerConfig', () => {
  const packager = () => config.packagerConfig;

  it('names the executable after the package (maker-deb needs it) and packs an asar', () => {
    expect(packager()).toMatchObject({ name: packageJson.productName, executableName: packageJson.name, asar: true });
    expect(packager().appBundleId).toMatch(/^[a-z0-9.-]+$/);
  });

  it('registers the scheme main/join-links.ts handles', () => {
    expect(packager().protocols).toEqual([{ name: expect.any(String), schemes: [JOIN_SCHEME] }]);
  });

  it('macOS Info.plist: the screen-recording prompt text, and alert-style notifications (Admit / Deny buttons need them)', () => {
    expect(packager().extendInfo).toEqual({
      NSScreenCaptureUsageDescription: expect.stringMatching(/\S/),
      NSUserNotificationAlertStyle: 'alert',
    });
  });

  it('has real icons for every OS: a 512 px PNG, an ICO up to 256 px, an ICNS up to 1024 px', async () => {
    const icon = join(ROOT, String(packager().icon));
    const png = await readFile(`${icon}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

    const ico = await readFile(`${icon}.ico`);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < icoSizes.length; i++) {
      const [length, offset] = [ico.readUInt32LE(6 + 16 * i + 8), ico.readUInt32LE(6 + 16 * i + 12)];
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(ico.subarray(offset + 1, offset + 4).toString('latin1')).toBe('PNG');
    }

    const icns = await readFile(`${icon}.icns`);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('keeps only the built app in app.asar', () => {
    expect(config.ignored).toEqual(PATHS_LEFT_OUT);
    expect(isLeftOutOfApp('')).toBe(false); // the project root itself
  });
});

describe('fuses', () => {
  it('turns off running as Node, NODE_OPTIONS, --inspect and extra file:// privileges; turns on asar integrity and asar-only loading', () => {
    expect(config.plugins.map((plugin) => plugin.name)).toEqual(['fuses']);
    expect(config.plugins[0]?.config).toEqual({
      version: '1',
      [FUSE.RunAsNode]: false,
      [FUSE.EnableNodeOptionsEnvironmentVariable]: false,
      [FUSE.EnableNodeCliInspectArguments]: false,
      [FUSE.EnableEmbeddedAsarIntegrityValidation]: true,
      [FUSE.OnlyLoadAppFromAsar]: true,
      [FUSE.GrantFileProtocolExtraPrivileges]: false,
      // Also on: cookies at rest are encrypted with the OS keychain.
      [FUSE.EnableCookieEncryption]: true,
    });
  });
});

describe('publishing', () => {
  it('publishes a draft GitHub release to the repository the app updates from', () => {
    const [publisher, ...others] = config.publishers;
    expect(others).toEqual([]);
    expect(publisher?.name).toBe('github');
    expect(publisher?.config).toMatchObject({ repository: { ...RELEASE_REPO }, draft: true, prerelease: false });
    expect(`${RELEASE_REPO.owner}/${RELEASE_REPO.name}`).toBe(UPDATE_REPO);
    expect(packageJson.repository.url).toBe(`git+https://github.com/${UPDATE_REPO}.git`);
  });

  it('drops the content-length header that Node fetch refuses, keeping the others', () => {
    expect(
      withoutContentLength({ 'content-type': 'application/zip', 'content-length': 12 as unknown as string }),
    ).toEqual({ 'content-type': 'application/zip' });
    const headers = withoutContentLength(new Headers({ 'Content-Length': '12', Authorization: 'token x' })) as Headers;
    expect([...headers.keys()]).toEqual(['authorization']);
  });
});

describe('release file names', () => {
  it.each([
    ['WebRTC Desktop Host-0.1.0 Setup.exe', 'webrtc-desktop-host-0.1.0-setup.exe'],
    ['WebRTC Desktop Host-darwin-arm64-0.1.0.zip', 'webrtc-desktop-host-darwin-arm64-0.1.0.zip'],
    ['WebRTC Desktop Host-0.1.0-x64.dmg', 'webrtc-desktop-host-0.1.0-x64.dmg'],
    ['webrtc_desktop_host-0.1.0-full.nupkg', 'webrtc_desktop_host-0.1.0-full.nupkg'],
    ['RELEASES', 'RELEASES'],
  ])('%s -> %s', (made, published) => {
    expect(releaseFileName(made, packageJson.productName, packageJson.name)).toBe(published);
  });

  it('gives Forge outputs the names the package-manager manifests download', () => {
    // Forge's names: maker-squirrel "<product>-<version> Setup.exe", maker-zip
    // "<product>-<platform>-<arch>-<version>.zip".
    const rename = (made: string) => releaseFileName(made, packageJson.productName, packageJson.name);
    expect({
      windowsSetup: rename(`${packageJson.productName}-2.0.0 Setup.exe`),
      macArm: rename(`${packageJson.productName}-darwin-arm64-2.0.0.zip`),
      macIntel: rename(`${packageJson.productName}-darwin-x64-2.0.0.zip`),
    }).toEqual(releaseFiles('2.0.0'));
  });
});

describe('signing hooks', () => {
  it('are wired: the prePackage hook logs the signing line, postMake renames the release files', () => {
    expect(config.hooks.sort()).toEqual(['postMake', 'prePackage']);
  });

  it('without secrets: nothing signed, and the log says why for each platform', () => {
    const mac = macSigning({});
    const windows = windowsSigning({ WINDOWS_CERTIFICATE_FILE: 'cert.pfx' });
    expect(mac).toEqual({
      summary: expect.stringContaining('not signing or notarising (APPLE_SIGNING_IDENTITY is not set)'),
    });
    expect(windows).toEqual({
      summary: expect.stringContaining(
        'not signing (WINDOWS_CERTIFICATE_FILE and WINDOWS_CERTIFICATE_PASSWORD are not both set)',
      ),
    });
    expect(signingSummary('darwin', mac, windows)).toBe(
      'signing: macOS: not signing or notarising (APPLE_SIGNING_IDENTITY is not set)',
    );
    expect(signingSummary('win32', mac, windows)).toMatch(/^signing: Windows: not signing/);
    expect(signingSummary('linux', mac, windows)).toBe('signing: linux: packages are not signed (nothing to do)');
  });

  it('an identity alone signs without notarising; blank values count as absent', () => {
    const mac = macSigning({
      APPLE_SIGNING_IDENTITY: 'Developer ID Application: X (TEAM)',
      APPLE_ID: 'a@b.c',
      APPLE_APP_SPECIFIC_PASSWORD: '  ',
    });
    expect(mac.osxSign).toMatchObject({ identity: 'Developer ID Application: X (TEAM)' });
    expect(mac.osxNotarize).toBeUndefined();
    expect(mac.summary).toContain('signing; not notarising');
  });

  it('every Apple secret: signs with the hardened runtime and notarises', () => {
    const mac = macSigning({
      APPLE_SIGNING_IDENTITY: 'id',
      APPLE_ID: 'a@b.c',
      APPLE_APP_SPECIFIC_PASSWORD: 'pw',
      APPLE_TEAM_ID: 'TEAM',
    });
    expect(mac.osxNotarize).toEqual({ appleId: 'a@b.c', appleIdPassword: 'pw', teamId: 'TEAM' });
    const optionsForFile = (mac.osxSign as { optionsForFile: (file: string) => unknown }).optionsForFile;
    expect(optionsForFile('x')).toEqual({ hardenedRuntime: true });
  });

  it('a Windows certificate and password sign the Squirrel installer', () => {
    expect(
      windowsSigning({ WINDOWS_CERTIFICATE_FILE: 'c.pfx', WINDOWS_CERTIFICATE_PASSWORD: 'pw' }).certificate,
    ).toEqual({ certificateFile: 'c.pfx', certificatePassword: 'pw' });
  });
});
