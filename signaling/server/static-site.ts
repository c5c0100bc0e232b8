// Serves the built renderer: an allow-list of files read once at start, so no
// request path, in any encoding, can name a file outside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

const PLACEHOLDER = Buffer.from(
  '<!doctype html><meta charset="utf-8"><title>WebRTC Desktop Host</title>' +
    '<p>The app has not been built. Run <code>npm run build</code>, then reload.</p>',
);

export class StaticSite {
  private constructor(private readonly files: ReadonlyMap<string, StaticFile>) {}

  /** Reads every file under `root`; a missing root gives a site with only a "not built" page. */
  static load(root: string | undefined): StaticSite {
    const files = new Map<string, StaticFile>();
    if (root && isDirectory(root)) {
      for (const file of listFiles(root)) {
        const urlPath = '/' + relative(root, file).split(sep).join('/');
        files.set(urlPath, { body: readFileSync(file), contentType: MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' });
      }
    }
    if (!files.has('/index.html')) files.set('/index.html', { body: PLACEHOLDER, contentType: MIME_TYPES['.html']! });
    return new StaticSite(files);
  }

  /** The app page (index.html), served at `/`, `/join` and `/host`. */
  get appPage(): StaticFile {
    return this.files.get('/index.html')!;
  }

  /** An exact, undecoded path match, or undefined. */
  file(urlPath: string): StaticFile | undefined {
    return this.files.get(urlPath);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}
