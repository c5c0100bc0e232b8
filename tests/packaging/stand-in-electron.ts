// A stand-in for Electron's release zip, served the way Electron's mirror serves it, so
// Electron Forge can package the app on a machine that cannot download Electron.
// The stand-in `electron` binary is a tiny script that only carries the fuse wire
// (sentinel + version + length + one byte per fuse), which is all @electron/fuses
// reads and writes; it cannot run the app. Packaging against it checks our Forge
// configuration, not Electron.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The marker @electron/fuses looks for (not exported by the package; the test reads the stand-in back with it). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron 45's fuse defaults, in FuseV1Options order ('1' on, '0' off). */
export const STAND_IN_FUSES = '101100011';

export function standInBinary(): Buffer {
  const script = Buffer.from(
    '#!/bin/sh\necho "stand-in Electron binary from the packaging test; it cannot run apps" >&2\nexit 1\n# fuse wire: ',
  );
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, STAND_IN_FUSES.length]),
    Buffer.from(STAND_IN_FUSES),
  ]);
  return Buffer.concat([script, wire, Buffer.from('\n')]);
}

/** Writes electron-v<version>-linux-x64.zip and SHASUMS256.txt into dir/v<version>/; returns the zip's path. */
export async function writeStandInRelease(dir: string, version: string): Promise<string> {
  const tree = join(dir, 'tree');
  await mkdir(join(tree, 'resources'), { recursive: true });
  await writeFile(join(tree, 'electron'), standInBinary(), { mode: 0o755 });
  await writeFile(join(tree, 'resources', 'default_app.asar'), 'stand-in default app');
  await writeFile(join(tree, 'LICENSE'), 'stand-in');
  await writeFile(join(tree, 'version'), version);
  const releaseDir = join(dir, `v${version}`);
  await mkdir(releaseDir, { recursive: true });
  const zipName = `electron-v${version}-linux-x64.zip`;
  const zipPath = join(releaseDir, zipName);
  execFileSync('zip', ['-q', '-r', zipPath, '.'], { cwd: tree });
  const sha256 = createHash('sha256')
    .update(await readFile(zipPath))
    .digest('hex');
  await writeFile(join(releaseDir, 'SHASUMS256.txt'), `${sha256} *${zipName}\n`);
  return zipPath;
}

/** Serves dir over HTTP on 127.0.0.1 (ELECTRON_MIRROR must be http: @electron/get rejects file://). */
export async function serveMirror(
  dir: string,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    if (path.includes('..')) return void response.writeHead(400).end();
    readFile(join(dir, path)).then(
      (body) => response.writeHead(200, { 'content-length': body.length }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}/`, requests, close };
}
