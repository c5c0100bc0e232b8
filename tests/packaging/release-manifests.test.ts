// `npm run release:manifests`: the Chocolatey package and Homebrew cask filled from
// real files. The fixture files' SHA-256 digests below were computed with sha256sum,
// independently of the generator. The outputs are then checked the way the package
// managers would read them: the nuspec as XML, the cask with Ruby's parser (Prism).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RELEASE_REPO_SLUG } from '../../main/release-repo';
import { fillTemplate } from '../../packaging/manifests/fill-template';
import { parseManifestArgs } from '../../packaging/manifests/manifest-args';
import { ROOT, runJsonHelper, runNode } from './run-node';

const FIXTURES = join(ROOT, 'tests/fixtures/release-artifacts');
const VERSION = '1.2.3';
const SHA256 = {
  setup: 'da9ec570cc245ca1781666335f270303ead9a190446c6afa1ced0094264b10f7',
  arm: '8d631121c0f595385bae34f7e42bc581de571d06c2c69647b97353ad6cdbf814',
  intel: '53111c9b81bbba5082bfeb2ca4c10a8c2c673ae9415334a15c53f3a50d071c63',
};
const BUNDLE = join(ROOT, 'node_modules/.cache/release-manifests/cli.js'); // written by the npm script in beforeAll

interface CaskReport {
  readonly errors: string[];
  readonly token: string | null;
  readonly stanzas: { name: string; source: string }[];
}

let out = '';
let generated = { code: null as number | null, output: '' };

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'manifests-'));
  // Through npm, as the release workflow runs it (this also bundles the CLI).
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    const output = execFileSync(
      npm,
      [
        'run',
        '--loglevel=warn',
        'release:manifests',
        '--',
        '--version',
        VERSION,
        '--artifacts',
        FIXTURES,
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' },
    );
    generated = { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    generated = { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}, 60_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

const read = (path: string) => readFile(join(out, path), 'utf8');

describe('npm run release:manifests with every release file present', () => {
  it('writes the Chocolatey package sources and the cask', () => {
    expect(generated).toEqual({
      code: 0,
      output: expect.stringContaining(`wrote ${join(out, 'homebrew/webrtc-desktop-host.rb')}`),
    });
  });

  it('fills chocolateyinstall.ps1 with the Setup.exe URL and its SHA-256', async () => {
    const script = await read('chocolatey/tools/chocolateyinstall.ps1');
    expect(script).toContain(
      `url64bit       = 'https://github.com/${RELEASE_REPO_SLUG}/releases/download/v${VERSION}/webrtc-desktop-host-${VERSION}-setup.exe'`,
    );
    expect(script).toContain(`checksum64     = '${SHA256.setup}'`);
    expect(script).toContain("checksumType64 = 'sha256'");
    expect(script).toMatch(/silentArgs\s+= '--silent'/);
    expect(script).toMatch(/validExitCodes = @\(0\)/);
    expect(script).not.toContain('{{');
  });

  it('writes a well-formed nuspec with every field the Chocolatey community repository requires', async () => {
    const xml = await read('chocolatey/webrtc-desktop-host.nuspec');
    expect(XMLValidator.validate(xml)).toBe(true);
    const metadata = new XMLParser({ parseTagValue: false }).parse(xml).package.metadata as Record<string, string>;
    for (const field of [
      'id',
      'version',
      'title',
      'authors',
      'projectUrl',
      'packageSourceUrl',
      'licenseUrl',
      'requireLicenseAcceptance',
      'iconUrl',
      'tags',
      'summary',
      'description',
      'releaseNotes',
    ]) {
      expect({ field, value: String(metadata[field] ?? '').trim() }).toEqual({
        field,
        value: expect.stringMatching(/\S/),
      });
    }
    expect(metadata.id).toBe('webrtc-desktop-host');
    expect(metadata.version).toBe(VERSION);
    expect(metadata.projectUrl).toBe(`https://github.com/${RELEASE_REPO_SLUG}`);
    expect(String(metadata.description).length).toBeGreaterThanOrEqual(30);
    // Chocolatey tags are space-separated, lowercase.
    expect(metadata.tags).toMatch(/^[a-z0-9-]+( [a-z0-9-]+)*$/);
    expect(xml).not.toContain('{{');
  });

  it('writes a cask that Ruby parses, with both architectures and every stanza the issue asks for', async () => {
    const cask = await runJsonHelper<CaskReport>('read-cask.mjs', [join(out, 'homebrew/webrtc-desktop-host.rb')]);
    expect(cask.errors).toEqual([]);
    expect(cask.token).toBe('webrtc-desktop-host');
    const stanza = (name: string) => cask.stanzas.find((s) => s.name === name)?.source ?? `(no ${name} stanza)`;
    expect(stanza('version')).toBe(`version "${VERSION}"`);
    expect(stanza('sha256')).toMatch(new RegExp(`^sha256 arm:\\s+"${SHA256.arm}",\\s+intel:\\s+"${SHA256.intel}"$`));
    expect(stanza('arch')).toBe('arch arm: "arm64", intel: "x64"');
    expect(stanza('url')).toBe(
      `url "https://github.com/${RELEASE_REPO_SLUG}/releases/download/v#{version}/webrtc-desktop-host-darwin-#{arch}-#{version}.zip"`,
    );
    expect(stanza('livecheck')).toContain('strategy :github_latest');
    expect(stanza('auto_updates')).toBe('auto_updates true');
    expect(stanza('depends_on')).toMatch(/^depends_on macos: /);
    expect(stanza('app')).toBe('app "WebRTC Desktop Host.app"');
    expect(stanza('zap')).toMatch(/^zap trash: \[/);
    expect(cask.stanzas.map((s) => s.name)).toEqual(expect.arrayContaining(['name', 'desc', 'homepage']));
    expect(cask.stanzas.map((s) => s.source).join('\n')).not.toContain('{{');
  });

  it('the cask check can fail: Prism reports a broken cask', async () => {
    const broken = join(out, 'broken.rb');
    await writeFile(broken, 'cask "x" do\n  version "1"\n  url "unterminated\nend\n');
    const cask = await runJsonHelper<CaskReport>('read-cask.mjs', [broken]);
    expect(cask.errors.length).toBeGreaterThan(0);
  });
});

describe('release:manifests refuses bad input with a clear error and writes nothing', () => {
  const run = (args: string[]) => runNode([BUNDLE, ...args]);

  it('names every missing release file', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-artifacts-'));
    const target = join(empty, 'out');
    try {
      const result = await run(['--version', VERSION, '--artifacts', empty, '--out', target]);
      expect(result.code).toBe(2);
      expect(result.output).toContain(
        `missing release files in ${empty}: webrtc-desktop-host-${VERSION}-setup.exe, webrtc-desktop-host-darwin-arm64-${VERSION}.zip, webrtc-desktop-host-darwin-x64-${VERSION}.zip (nothing was written)`,
      );
      await expect(readFile(join(target, 'homebrew/webrtc-desktop-host.rb'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('refuses a version the fixtures do not have (the files are looked up by version)', async () => {
    const result = await run(['--version', '9.9.9', '--artifacts', FIXTURES, '--out', join(out, 'other')]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('missing release files');
  });

  it.each([
    [['--artifacts', FIXTURES], '--version is required'],
    [['--version', VERSION], '--artifacts is required'],
    [['--version', 'v1.2.3', '--artifacts', FIXTURES], '--version must look like 1.2.3 (no "v"), got "v1.2.3"'],
    [['--version', VERSION, '--artifacts'], '--artifacts needs a value'],
    [['--version', VERSION, '--artifacts', FIXTURES, '--force', 'yes'], 'unknown argument "--force"'],
  ])('%j -> %s', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.output).toContain(message);
    expect(result.output).toContain('usage: npm run release:manifests');
  });
});

describe('parseManifestArgs and fillTemplate', () => {
  it('reads the flags', () => {
    expect(parseManifestArgs(['--version', '1.0.0', '--artifacts', 'a', '--out', 'o'])).toEqual({
      '--version': '1.0.0',
      '--artifacts': 'a',
      '--out': 'o',
    });
  });

  it('refuses a flag given twice', () => {
    expect(() => parseManifestArgs(['--version', '1.0.0', '--version', '1.0.1', '--artifacts', 'a'])).toThrow(
      '--version given twice',
    );
  });

  it('refuses a template placeholder without a value, and a value without a placeholder', () => {
    expect(() => fillTemplate('a {{x}} {{y}}', { x: '1' }, 't')).toThrow('t: no value for {{y}}');
    expect(() => fillTemplate('a {{x}}', { x: '1', z: '2' }, 't')).toThrow('t: no {{z}} placeholder to fill');
    expect(fillTemplate('a {{x}} {{x}}', { x: '1' }, 't')).toBe('a 1 1');
  });
});
