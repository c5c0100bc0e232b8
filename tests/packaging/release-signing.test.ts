// The release's signed checksums and notes: `npm run release:checksums` writes a
// SHA256SUMS that sha256sum --check accepts and a SHA256SUMS.asc that gpg verifies with
// the public key alone, and that fails once a file changes; `npm run release:notes`
// takes the version's CHANGELOG.md section and fails on a missing one.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changelogSection } from '../../scripts/release/release-notes.mjs';
import { throwawayKey } from './apt-sandbox';
import { ROOT } from './run-node';

const npmRun = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const run = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, output: `${run.stdout}${run.stderr}` };
};

let work = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'release-signing-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const gpgMissing = spawnSync('sh', ['-c', 'command -v gpg && command -v sha256sum']).status !== 0;
if (gpgMissing) console.log('SHA256SUMS test skipped: gpg or sha256sum is not installed');

(gpgMissing ? describe.skip : describe)('SHA256SUMS and SHA256SUMS.asc', () => {
  let files = '';
  let publicKey = '';
  let verifierHome = '';

  beforeAll(async () => {
    files = join(work, 'release');
    await mkdir(files);
    await writeFile(join(files, 'webrtc-desktop-host_1.2.3_amd64.deb'), 'a deb');
    await writeFile(join(files, 'webrtc-desktop-host-1.2.3-setup.exe'), 'an exe');
    const signerHome = join(work, 'signer');
    throwawayKey(signerHome, 'release signing test');
    const made = npmRun('release:checksums', ['--dir', files], { GNUPGHOME: signerHome });
    if (made.code !== 0) throw new Error(made.output);
    publicKey = join(work, 'release-key.asc');
    execFileSync('gpg', ['--batch', '--armor', '--output', publicKey, '--export'], {
      env: { ...process.env, GNUPGHOME: signerHome },
    });
    // A user's machine: a keyring holding only the imported public key.
    verifierHome = join(work, 'user');
    await mkdir(verifierHome, { mode: 0o700 });
    execFileSync('gpg', ['--batch', '--import', publicKey], {
      env: { ...process.env, GNUPGHOME: verifierHome },
      stdio: 'ignore',
    });
  });

  const verify = () =>
    spawnSync('gpg', ['--batch', '--status-fd', '1', '--verify', 'SHA256SUMS.asc', 'SHA256SUMS'], {
      cwd: files,
      env: { ...process.env, GNUPGHOME: verifierHome },
      encoding: 'utf8',
    });
  const check = () => spawnSync('sha256sum', ['--check', 'SHA256SUMS'], { cwd: files, encoding: 'utf8' });

  it('lists every release file in sha256sum format', async () => {
    const sums = await readFile(join(files, 'SHA256SUMS'), 'utf8');
    expect(sums.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^[0-9a-f]{64} {2}webrtc-desktop-host-1\.2\.3-setup\.exe$/),
      expect.stringMatching(/^[0-9a-f]{64} {2}webrtc-desktop-host_1\.2\.3_amd64\.deb$/),
    ]);
  });

  it('verifies with the public key, as docs/release.md tells users to', () => {
    expect(verify().stdout).toContain('[GNUPG:] GOODSIG');
    expect(check().status).toBe(0);
  });

  it('fails on a changed file, and on a changed SHA256SUMS', async () => {
    const deb = join(files, 'webrtc-desktop-host_1.2.3_amd64.deb');
    await writeFile(deb, 'a changed deb');
    expect(check()).toMatchObject({ status: 1, stdout: expect.stringContaining('_amd64.deb: FAILED') });
    const sums = join(files, 'SHA256SUMS');
    const original = await readFile(sums, 'utf8');
    await writeFile(sums, original.replace(/^[0-9a-f]{64}/, '0'.repeat(64)));
    const verified = verify();
    expect(verified.status).not.toBe(0);
    expect(verified.stdout).toContain('[GNUPG:] BADSIG');
  });
});

describe('release notes from CHANGELOG.md', () => {
  const CHANGELOG = [
    '# Changelog',
    '',
    '## [Unreleased]',
    '- not yet',
    '',
    '## [1.2.0] - 2026-12-01',
    '### Added',
    '- Signed apt repository.',
    '',
    '## [1.1.0] - 2026-11-01',
    '- Older.',
    '',
    '[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0',
  ].join('\n');

  it("takes only the version's section, without its heading or the next one", () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toBe('### Added\n- Signed apt repository.\n');
    expect(changelogSection(CHANGELOG, '1.1.0')).toBe('- Older.\n');
  });

  it('does not take a version that only starts the same (1.2 is not 1.2.0)', () => {
    expect(() => changelogSection(CHANGELOG, '1.2')).toThrow('no section for 1.2');
  });

  it('fails on a missing or empty section', () => {
    expect(() => changelogSection(CHANGELOG, '9.9.9')).toThrow('no section for 9.9.9');
    expect(() => changelogSection('## [2.0.0] - 2026-12-02\n\n## [1.0.0]\n- x', '2.0.0')).toThrow('is empty');
  });

  it('npm run release:notes writes the section, and exits 1 without one', async () => {
    const changelog = join(work, 'CHANGELOG.md');
    await writeFile(changelog, CHANGELOG);
    const out = join(work, 'notes.md');
    expect(npmRun('release:notes', ['--version', 'v1.2.0', '--changelog', changelog, '--out', out]).code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('### Added\n- Signed apt repository.\n');
    const missing = npmRun('release:notes', ['--version', '3.0.0', '--changelog', changelog]);
    expect(missing).toMatchObject({ code: 1, output: expect.stringContaining('no section for 3.0.0') });
  });
});
