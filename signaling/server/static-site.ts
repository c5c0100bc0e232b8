// Serves the built renderer: an allow-list of files read once at start, so no
// request path, in any encoding, can name a file outside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { mimeTypeFor } from './web-content';

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
        files.set(urlPath, { body: readFileSync(file), contentType: mimeTypeFor(file) });
      }
    }
    if (!files.has('/index.html'))
      files.set('/index.html', { body: PLACEHOLDER, contentType: mimeTypeFor('index.html') });
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
    // Source maps would hand every viewer the readable source: built, never served.
    return entry.isFile() && !entry.name.endsWith('.map') ? [path] : [];
  });
}
