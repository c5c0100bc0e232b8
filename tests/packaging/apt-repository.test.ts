// The apt repository end to end, offline: the stand-in-Electron .deb (make-linux.ts) goes
// into a repository built by `npm run release:apt` and signed with a throwaway key, the
// repository is served on 127.0.0.1, and the machine's real apt installs from it
// (apt-sandbox.ts), sees a second version as an upgrade, and refuses a tampered Release
// and a repository signed by a key it was not told to trust. The package is removed
// afterwards, also when a test fails. Skips, saying why, where not root or apt is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOIN_SCHEME } from '../../main/join-links';
import packageJson from '../../package.json';
import { AptSandbox, aptUnavailable, dpkgVersion, throwawayKey } from './apt-sandbox';
import { makeLinuxPackages } from './make-linux';
import { ROOT } from './run-node';
import { serveMirror } from './stand-in-electron';

const NAME = packageJson.name;
const VERSION = packageJson.version;
/** The "next release": the same .deb with a higher Debian version. */
const NEXT_VERSION = `${VERSION}+apttest1`;
const KEYRING = 'webrtc-desktop-host-archive-keyring.gpg';

const alreadyInstalled = aptUnavailable() === null && dpkgVersion(NAME) !== null;
const skipReason =
  aptUnavailable() ?? (alreadyInstalled ? `${NAME} is installed on this machine; the test will not touch it` : null);
if (skipReason) console.log(`apt repository test skipped: ${skipReason}`);
const describeApt = skipReason ? describe.skip : describe;

type Server = Awaited<ReturnType<typeof serveMirror>>;
let work = '';
let repo = '';
let gnupgHome = '';
const servers: Server[] = [];

function releaseApt(debs: string, keyId?: string): { code: number | null; output: string } {
  const args = ['run', '--silent', 'release:apt', '--', '--debs', debs, '--out', repo];
  const run = spawnSync('npm', keyId ? [...args, '--key-id', keyId] : args, {
    cwd: ROOT,
    env: { ...process.env, GNUPGHOME: gnupgHome },
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

async function serve(dir: string): Promise<string> {
  const server = await serveMirror(dir);
  servers.push(server);
  return server.url;
}

/** The same package at another version: the control file rewritten, the files unchanged. */
async function repackAs(deb: string, version: string, outDir: string): Promise<void> {
  const tree = join(work, `tree-${version}`);
  execFileSync('dpkg-deb', ['-R', deb, tree]);
  const control = join(tree, 'DEBIAN/control');
  await writeFile(control, (await readFile(control, 'utf8')).replace(/^Version: .*$/m, `Version: ${version}`));
  await mkdir(outDir, { recursive: true });
  execFileSync('fakeroot', ['dpkg-deb', '-b', tree, join(outDir, `${NAME}_${version}_amd64.deb`)], { stdio: 'ignore' });
}

const failed = (run: { code: number | null; output: string }) => ({ code: run.code, output: run.output.slice(-3000) });

describeApt('the signed apt repository, installed from with the real apt', () => {
  let fingerprint = '';
  let sandbox: AptSandbox;
  let debFile = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'apt-repository-'));
    repo = join(work, 'repo');
    gnupgHome = join(work, 'gnupg');
    fingerprint = throwawayKey(gnupgHome, 'apt repository test');
    const made = await makeLinuxPackages(work);
    if (made.make.code !== 0) throw new Error(`electron-forge make failed:\n${made.make.output.slice(-4000)}`);
    debFile = made.debFile;
    await mkdir(join(work, 'debs-1'));
    await cp(debFile, join(work, 'debs-1', `${NAME}_${VERSION}_amd64.deb`));
    await repackAs(debFile, NEXT_VERSION, join(work, 'debs-2'));
    const built = releaseApt(join(work, 'debs-1'));
    if (built.code !== 0) throw new Error(`release:apt failed:\n${built.output}`);
    sandbox = new AptSandbox(join(work, 'apt'), await serve(repo), join(repo, KEYRING));
  }, 200_000);

  afterAll(async () => {
    // Whatever happened above, the machine does not keep the package.
    if (dpkgVersion(NAME) !== null) spawnSync('dpkg', ['--purge', NAME], { stdio: 'ignore' });
    await Promise.all(servers.map((server) => server.close()));
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes the standard layout, with the only key in GNUPGHOME as signer', async () => {
    for (const file of [
      `pool/main/w/${NAME}/${NAME}_${VERSION}_amd64.deb`,
      'dists/stable/Release',
      'dists/stable/InRelease',
      'dists/stable/Release.gpg',
      'dists/stable/main/binary-amd64/Packages',
      'dists/stable/main/binary-amd64/Packages.gz',
      'dists/stable/main/binary-arm64/Packages',
      'dists/stable/main/binary-arm64/Packages.gz',
      KEYRING,
    ])
      expect({ file, exists: existsSync(join(repo, file)) }).toEqual({ file, exists: true });
    const release = await readFile(join(repo, 'dists/stable/Release'), 'utf8');
    expect(release).toMatch(/^Suite: stable$/m);
    expect(release).toMatch(/^Architectures: amd64 arm64$/m);
    expect(release).toMatch(/^ [0-9a-f]{64} +\d+ main\/binary-amd64\/Packages\.gz$/m);
    const packages = await readFile(join(repo, 'dists/stable/main/binary-amd64/Packages'), 'utf8');
    expect(packages).toContain(`Filename: pool/main/w/${NAME}/${NAME}_${VERSION}_amd64.deb`);
    // gpgv with only the exported public key: the signature is the throwaway key's.
    const verified = spawnSync(
      'gpgv',
      ['--status-fd', '1', '--keyring', join(repo, KEYRING), join(repo, 'dists/stable/InRelease')],
      {
        encoding: 'utf8',
      },
    );
    expect(verified.stdout).toContain(`VALIDSIG ${fingerprint}`);
  });

  it('apt update accepts the repository and apt installs the package: files, desktop entry, link handler', async () => {
    const update = await sandbox.update();
    expect(failed(update)).toEqual({ code: 0, output: expect.not.stringMatching(/^(E|W): /m) });
    const install = await sandbox.apt('apt-get', ['install', '-y', '-q', '--no-install-recommends', NAME]);
    expect(failed(install)).toEqual({ code: 0, output: expect.stringContaining(`Setting up ${NAME} (${VERSION})`) });
    expect(dpkgVersion(NAME)).toBe(VERSION);
    expect(await readlink(`/usr/bin/${NAME}`)).toBe(`../lib/${NAME}/${NAME}`);
    expect((await stat(`/usr/lib/${NAME}/${NAME}`)).mode & 0o111).toBe(0o111);
    expect((await lstat(`/usr/lib/${NAME}/resources/app.asar`)).isFile()).toBe(true);
    const entry = await readFile(`/usr/share/applications/${NAME}.desktop`, 'utf8');
    expect(entry).toMatch(new RegExp(`^Exec=${NAME} %U$`, 'm'));
    expect(entry).toMatch(new RegExp(`^MimeType=x-scheme-handler/${JOIN_SCHEME};$`, 'm'));
    // With desktop-file-utils installed, its dpkg trigger registers the handler in the MIME cache.
    if (existsSync('/usr/bin/update-desktop-database')) {
      const cache = await readFile('/usr/share/applications/mimeinfo.cache', 'utf8');
      expect(cache).toMatch(new RegExp(`^x-scheme-handler/${JOIN_SCHEME}=(.*;)?${NAME}\\.desktop;`, 'm'));
    } else console.log('apt repository test: desktop-file-utils missing, the MIME cache is not checked');
  }, 60_000);

  it('keeps the earlier version when the next release is added, and apt offers the next one as an upgrade', async () => {
    const added = releaseApt(join(work, 'debs-2'), fingerprint);
    expect(failed(added)).toEqual({ code: 0, output: expect.stringContaining(`${NAME}_${NEXT_VERSION}_amd64.deb`) });
    expect(failed(await sandbox.update())).toEqual({ code: 0, output: expect.not.stringMatching(/^(E|W): /m) });
    const madison = (await sandbox.apt('apt-cache', ['madison', NAME])).output;
    expect(madison).toContain(` ${VERSION} `);
    expect(madison).toContain(` ${NEXT_VERSION} `);
    const simulated = await sandbox.apt('apt-get', ['-s', 'upgrade']);
    expect(simulated.output).toContain(`Inst ${NAME} [${VERSION}] (${NEXT_VERSION} `);
    const upgrade = await sandbox.apt('apt-get', ['upgrade', '-y', '-q']);
    expect(failed(upgrade)).toEqual({
      code: 0,
      output: expect.stringContaining(`Setting up ${NAME} (${NEXT_VERSION})`),
    });
    expect(dpkgVersion(NAME)).toBe(NEXT_VERSION);
  }, 60_000);

  it('refuses to publish a different file under a version already in the pool', async () => {
    const other = join(work, 'debs-clash');
    await repackAs(debFile, VERSION, other); // rebuilt: same version, different bytes
    const clash = releaseApt(other);
    expect(clash.code).toBe(1);
    expect(clash.output).toContain('already published with different contents');
  });

  it('refuses a tampered Release', async () => {
    const tampered = join(work, 'tampered');
    await cp(repo, tampered, { recursive: true });
    for (const name of ['InRelease', 'Release']) {
      const file = join(tampered, 'dists/stable', name);
      // A changed line (clear-signing ignores trailing spaces, so not those).
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(/^Date: .*$/m, 'Date: Mon, 01 Jan 2024 00:00:00 UTC'),
      );
    }
    const apt = new AptSandbox(join(work, 'apt-tampered'), await serve(tampered), join(tampered, KEYRING));
    const update = await apt.update();
    expect(update.code).not.toBe(0);
    expect(update.output).toMatch(/BADSIG|signatures were invalid/);
    // No version of the package comes from the refused repository (only dpkg's installed one may show).
    expect((await apt.apt('apt-cache', ['policy', NAME])).output).not.toContain('127.0.0.1');
  });

  it('refuses a repository signed by a key other than the one given with signed-by', async () => {
    const otherHome = join(work, 'gnupg-other');
    throwawayKey(otherHome, 'someone else');
    const otherKeyring = join(work, 'other.gpg');
    execFileSync('gpg', ['--batch', '--output', otherKeyring, '--export'], {
      env: { ...process.env, GNUPGHOME: otherHome },
    });
    const apt = new AptSandbox(join(work, 'apt-other-key'), servers[0]!.url, otherKeyring);
    const update = await apt.update();
    expect(update.code).not.toBe(0);
    expect(update.output).toContain(`NO_PUBKEY ${fingerprint.slice(-16)}`);
    expect((await apt.apt('apt-cache', ['policy', NAME])).output).not.toContain('127.0.0.1');
  });
});
