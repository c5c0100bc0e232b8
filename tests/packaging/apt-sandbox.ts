// The real apt, pointed at one repository only: its own sources.list, package lists,
// download cache and trusted keys live in a temporary folder (apt's Dir::* options), so
// the machine's sources and keys play no part. Installing still goes through the
// machine's dpkg: the test must run as root and remove what it installed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AptRun {
  readonly code: number | null;
  readonly output: string;
}

/** Why apt installs cannot be tested here, or null when they can. */
export function aptUnavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root: installing a package needs root';
  for (const tool of ['apt-get', 'apt-ftparchive', 'gpg', 'dpkg-deb', 'dpkg-query'])
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  return null;
}

/** A throwaway signing key without passphrase in a new GNUPGHOME; returns its fingerprint. */
export function throwawayKey(gnupgHome: string, name: string): string {
  mkdirSync(gnupgHome, { recursive: true, mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: gnupgHome };
  execFileSync(
    'gpg',
    ['--batch', '--passphrase', '', '--quick-gen-key', `${name} <test@example.invalid>`, 'ed25519', 'sign', '1d'],
    {
      env,
      stdio: 'ignore',
    },
  );
  const listing = execFileSync('gpg', ['--batch', '--with-colons', '--list-secret-keys'], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]{40}):/m.exec(listing)?.[1];
  if (!fingerprint) throw new Error(`no fingerprint in:\n${listing}`);
  return fingerprint;
}

export function dpkgVersion(name: string): string | null {
  const query = spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Abbrev} ${Version}', name], { encoding: 'utf8' });
  const [status, version] = query.stdout.trim().split(/\s+/);
  return query.status === 0 && status === 'ii' ? (version ?? null) : null;
}

export class AptSandbox {
  private readonly options: string[];

  /** `keyring`: the public key apt trusts for this source only (signed-by). */
  constructor(
    readonly dir: string,
    repositoryUrl: string,
    keyring: string,
  ) {
    for (const sub of ['lists/partial', 'archives/partial', 'cache', 'trusted.gpg.d'])
      mkdirSync(join(dir, sub), { recursive: true });
    const sources = join(dir, 'sources.list');
    writeFileSync(sources, `deb [signed-by=${keyring}] ${repositoryUrl} stable main\n`);
    this.options = Object.entries({
      'Dir::Etc::sourcelist': sources,
      'Dir::Etc::sourceparts': '-',
      'Dir::Etc::trusted': join(dir, 'trusted.gpg'),
      'Dir::Etc::trustedparts': join(dir, 'trusted.gpg.d'),
      'Dir::State::Lists': join(dir, 'lists'),
      'Dir::Cache': join(dir, 'cache'),
      'Dir::Cache::archives': join(dir, 'archives'),
      'Acquire::Languages': 'none',
      'APT::Architecture': 'amd64',
      // apt drops root for downloads; the sandbox folder belongs to root.
      'APT::Sandbox::User': 'root',
      // Another apt or dpkg on the machine (another test run) holds the lock for a while: wait for it.
      'DPkg::Lock::Timeout': '40',
    }).flatMap(([key, value]) => ['-o', `${key}=${value}`]);
  }

  /** Asynchronous on purpose: the repository is served from this same process, which must keep answering. */
  apt(tool: 'apt-get' | 'apt-cache', args: string[]): Promise<AptRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(tool, [...this.options, ...args], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  update(): Promise<AptRun> {
    return this.apt('apt-get', ['update', '-q']);
  }
}
