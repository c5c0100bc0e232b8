// Serves the WHIP test page on loopback (a secure context, so getDisplayMedia works), its
// script bundled from tests/whip/page with esbuild in memory.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>WHIP test</title><script type="module" src="/whip-page.js"></script>';

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function servePublishPage(): Promise<PageServer> {
  const bundle = await build({
    entryPoints: [join(__dirname, '..', 'page', 'whip-page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    write: false,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const server: Server = createServer((request, response) => {
    const body = request.url === '/whip-page.js' ? script : PAGE;
    const type = request.url === '/whip-page.js' ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
