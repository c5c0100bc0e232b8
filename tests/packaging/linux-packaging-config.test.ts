// Our packaging configuration, checked by really running `electron-forge make` for
// Linux and then `electron-forge release --from-make`, offline: Electron comes from a
// stand-in release zip served on 127.0.0.1 (stand-in-electron.ts), GitHub from a local
// stand-in API. The produced .deb and .zip are unpacked and inspected. This tests
// forge.config.ts (files, names, desktop entry, fuses, publisher settings), not
// Electron: the packaged binary is the stand-in, which cannot start the app.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOIN_SCHEME } from '../../main/join-links';
import { RELEASE_REPO } from '../../main/release-repo';
import packageJson from '../../package.json';
import { FORGE_CLI, ELECTRON_VERSION, makeLinuxPackages } from './make-linux';
import { ROOT, runJsonHelper, runNode, type NodeRun } from './run-node';
import { STAND_IN_FUSES, writeStandInRelease } from './stand-in-electron';

const NAME = packageJson.name;
const VERSION = packageJson.version;

interface PackagedApp {
  readonly fuses: Record<string, string>;
  readonly files?: string[];
  readonly packageJson?: Record<string, unknown>;
}

async function readPackagedApp(binary: string, asar?: string): Promise<PackagedApp> {
  return runJsonHelper<PackagedApp>('read-packaged-app.mjs', [binary, ...(asar ? [asar] : [])]);
}

const sha256 = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** The parts of GitHub's REST API the Forge GitHub publisher uses, recording what it is sent. */
interface StandInGitHub {
  readonly url: string;
  readonly createdReleases: Record<string, unknown>[];
  readonly uploads: { name: string; sha256: string }[];
  readonly unexpected: string[];
  close(): Promise<void>;
}

async function serveStandInGitHub(): Promise<StandInGitHub> {
  const state = {
    createdReleases: [] as Record<string, unknown>[],
    uploads: [] as { name: string; sha256: string }[],
    unexpected: [] as string[],
  };
  const repoPath = `/repos/${RELEASE_REPO.owner}/${RELEASE_REPO.name}`;
  const body = (request: IncomingMessage): Promise<Buffer> =>
    new Promise((resolveBody) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolveBody(Buffer.concat(chunks)));
    });
  let base = '';
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    const json = (status: number, value: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const received = await body(request);
    if (request.method === 'GET' && url.pathname === `${repoPath}/releases`) return json(200, []);
    if (request.method === 'POST' && url.pathname === `${repoPath}/releases`) {
      const release = JSON.parse(received.toString('utf8')) as Record<string, unknown>;
      state.createdReleases.push(release);
      return json(201, {
        id: 7,
        tag_name: release.tag_name,
        draft: release.draft,
        assets: [],
        upload_url: `${base}/uploads${repoPath}/releases/7/assets{?name,label}`,
      });
    }
    if (request.method === 'POST' && url.pathname === `/uploads${repoPath}/releases/7/assets`) {
      const name = url.searchParams.get('name') ?? '';
      state.uploads.push({ name, sha256: createHash('sha256').update(received).digest('hex') });
      return json(201, { id: state.uploads.length, name });
    }
    state.unexpected.push(`${request.method} ${url.pathname}`);
    return json(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    ...state,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections(); // the publisher's keep-alive sockets
      }),
  };
}

let work = '';
let app = '';
let make: NodeRun = { code: null, output: '', stdout: '' };
let debFile = '';
let zipFile = '';
let debRoot = '';
let zipRoot = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'packaging-'));
  ({ app, make, debFile, zipFile } = await makeLinuxPackages(work));
  if (make.code !== 0) return;
  debRoot = join(work, 'deb');
  zipRoot = join(work, 'zip');
  await mkdir(zipRoot);
  execFileSync('dpkg-deb', ['-x', debFile, debRoot]);
  execFileSync('unzip', ['-q', zipFile, '-d', zipRoot]);
}, 200_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the stand-in Electron', () => {
  it('carries a fuse wire that @electron/fuses finds and reads (else the fuse checks below would prove nothing)', async () => {
    const dir = join(work, 'self-check');
    const zip = await writeStandInRelease(dir, ELECTRON_VERSION);
    execFileSync('unzip', ['-q', '-o', zip, 'electron', '-d', dir]);
    const { fuses } = await readPackagedApp(join(dir, 'electron'));
    expect(Object.values(fuses).join('')).toBe(STAND_IN_FUSES);
  });
});

describe('electron-forge make for Linux, with our forge.config.ts', () => {
  it('succeeds and makes exactly a .deb and a .zip (Squirrel and DMG are for Windows and macOS)', async () => {
    expect({ code: make.code, tail: make.code === 0 ? '' : make.output.slice(-4000) }).toEqual({ code: 0, tail: '' });
    expect(make.output).toContain('signing: linux: packages are not signed');
    const made = (await readdir(join(app, 'out/make'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
    expect(made).toEqual([`${NAME}-linux-x64-${VERSION}.zip`, `${NAME}_${VERSION}_amd64.deb`].sort());
  });

  it('gives the .deb the control fields of package.json', () => {
    const control = execFileSync('dpkg-deb', ['-f', debFile], { encoding: 'utf8' });
    expect(control).toMatch(new RegExp(`^Package: ${NAME}$`, 'm'));
    expect(control).toMatch(new RegExp(`^Version: ${VERSION.replace(/\./g, '\\.')}$`, 'm'));
    expect(control).toMatch(/^Architecture: amd64$/m);
    expect(control).toMatch(/^Section: net$/m);
    expect(control).toMatch(/^Maintainer: \S.+$/m);
    expect(control).toContain(`Homepage: https://github.com/${RELEASE_REPO.owner}/${RELEASE_REPO.name}`);
    expect(control).toContain(`Description: ${packageJson.description}`);
    // xdg-utils registers the x-scheme-handler on install.
    expect(control).toMatch(/^Depends: .*\bxdg-utils\b/m);
  });

  it('installs a desktop entry that opens webrtc-desktop-host:// links with the app', async () => {
    const entry = await readFile(join(debRoot, `usr/share/applications/${NAME}.desktop`), 'utf8');
    expect(entry).toMatch(new RegExp(`^Name=${packageJson.productName}$`, 'm'));
    expect(entry).toMatch(new RegExp(`^Exec=${NAME} %U$`, 'm')); // %U: the link is passed as an argument
    expect(entry).toMatch(/^Categories=Network;Video;$/m);
    expect(entry).toMatch(new RegExp(`^MimeType=x-scheme-handler/${JOIN_SCHEME};$`, 'm'));
    expect(entry).toMatch(new RegExp(`^Icon=${NAME}$`, 'm'));
    expect(
      (await readFile(join(debRoot, `usr/share/pixmaps/${NAME}.png`))).equals(
        await readFile(join(ROOT, 'packaging/icons/icon.png')),
      ),
    ).toBe(true);
  });

  it('puts the executable, named after the package, on the PATH', async () => {
    const link = join(debRoot, 'usr/bin', NAME);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(`../lib/${NAME}/${NAME}`);
    expect((await stat(join(debRoot, 'usr/lib', NAME, NAME))).mode & 0o111).toBe(0o111);
    expect((await stat(join(zipRoot, `${packageJson.productName}-linux-x64`, NAME))).mode & 0o111).toBe(0o111);
  });

  it.each([
    ['deb', () => join(debRoot, 'usr/lib', NAME)],
    ['zip', () => join(zipRoot, `${packageJson.productName}-linux-x64`)],
  ])('burns the fuses into the %s binary', async (_kind, dir) => {
    const { fuses } = await readPackagedApp(join(dir(), NAME));
    expect(fuses).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      // Not configured: left as the binary had them.
      LoadBrowserProcessSpecificV8Snapshot: STAND_IN_FUSES[6],
      GrantFileProtocolExtraPrivileges: '0',
      WasmTrapHandlers: STAND_IN_FUSES[8],
    });
  });

  it.each([
    ['deb', () => join(debRoot, 'usr/lib', NAME)],
    ['zip', () => join(zipRoot, `${packageJson.productName}-linux-x64`)],
  ])(
    'packs only the built app into the %s app.asar: no sources, tests, source maps or dev dependencies',
    async (_kind, dir) => {
      const { files = [], packageJson: packed = {} } = await readPackagedApp(
        join(dir(), NAME),
        join(dir(), 'resources/app.asar'),
      );
      expect(files).toEqual(
        expect.arrayContaining([
          '/package.json',
          '/dist/main/main.js',
          '/dist/preload/preload.js',
          '/dist/renderer/index.html',
          '/dist/renderer/app.js',
          '/dist/signaling/relay-worker.js',
        ]),
      );
      const outsideTheApp = files.filter(
        (file) =>
          !/^\/(package\.json|dist(\/(main|preload|renderer)(\/[\w.-]+)*)?|dist\/signaling(\/relay-worker\.js)?)$/.test(
            file,
          ),
      );
      expect(outsideTheApp).toEqual([]);
      expect(files.filter((file) => /\.(map|ts|tsx)$|node_modules|tests?\//.test(file))).toEqual([]);
      expect(packed).toMatchObject({ name: NAME, version: VERSION, main: 'dist/main/main.js' });
      expect(packed).not.toHaveProperty('devDependencies');
      expect(packed).not.toHaveProperty('scripts');
      // The default app of the Electron zip is removed.
      expect(await readdir(join(dir(), 'resources'))).toEqual(['app.asar']);
    },
  );
});

describe('electron-forge release --from-make, with our GitHub publisher settings', () => {
  it('creates one draft release v<version> in our repository and uploads every made file unchanged', async () => {
    expect(make.code).toBe(0);
    const github = await serveStandInGitHub();
    let release: NodeRun;
    try {
      release = await runNode(
        [join(FORGE_CLI, 'electron-forge-release.js'), app, '--from-make'],
        { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'stand-in-token', CI: '1' },
        60_000,
      );
    } finally {
      await github.close();
    }
    expect({ code: release.code, tail: release.code === 0 ? '' : release.output.slice(-3000) }).toEqual({
      code: 0,
      tail: '',
    });
    expect(github.unexpected).toEqual([]);
    expect(github.createdReleases).toEqual([
      expect.objectContaining({ tag_name: `v${VERSION}`, draft: true, prerelease: false }),
    ]);
    expect(github.uploads.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { name: `${NAME}-linux-x64-${VERSION}.zip`, sha256: await sha256(zipFile) },
        { name: `${NAME}_${VERSION}_amd64.deb`, sha256: await sha256(debFile) },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  }, 90_000);
});
