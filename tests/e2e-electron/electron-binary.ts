// Where the Electron binary is, or why there is none. Checked by hand rather than with
// require('electron'): on a machine without the binary that require tries to download
// it (slow, and impossible offline) before failing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ElectronBinary =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

const FAILED = 'Electron failed to install correctly';

export function findElectronBinary(): ElectronBinary {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: `${FAILED}: the electron package is not installed` };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!override && !existsSync(pathFile)) {
    return {
      ok: false,
      reason: `${FAILED}: no binary was downloaded (node_modules/electron/path.txt is missing; ELECTRON_SKIP_BINARY_DOWNLOAD or no network)`,
    };
  }
  // The same resolution as node_modules/electron/index.js.
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const executable = override ? join(override, relativePath || 'electron') : join(packageDir, 'dist', relativePath);
  if (!existsSync(executable)) return { ok: false, reason: `${FAILED}: ${executable} does not exist` };
  return { ok: true, path: executable };
}

/** Whether an error from _electron.launch means "no usable binary" (skip) rather than a bug (fail). */
export function isMissingBinaryError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(FAILED) || /ENOENT|spawn .*electron/i.test(message);
}
