// `electron-forge make` for Linux x64 with this project's forge.config.ts, offline: the
// project is rebuilt in a temporary folder and Electron comes from a stand-in release zip
// served on 127.0.0.1 (stand-in-electron.ts). Used by the packaging check and by the apt
// repository test, which installs the .deb it makes.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import packageJson from '../../package.json';
import { ROOT, runNode, type NodeRun } from './run-node';
import { serveMirror, writeStandInRelease } from './stand-in-electron';

export const FORGE_CLI = join(ROOT, 'node_modules/@electron-forge/cli/dist');
export const ELECTRON_VERSION: string = JSON.parse(
  execFileSync(process.execPath, ['-p', 'JSON.stringify(require("electron/package.json").version)'], {
    cwd: ROOT,
    encoding: 'utf8',
  }),
);
/**
 * The project, rebuilt in a temporary folder so the run neither reads the shared dist/
 * (other suites rebuild it meanwhile) nor writes the project's out/: sources are linked,
 * what the build and Forge read or write is copied.
 */
const LINKED = ['main', 'preload', 'renderer', 'signaling', 'tests', 'node_modules'];
const COPIED = ['package.json', 'forge.config.ts', 'esbuild.config.mjs', 'packaging'];

export interface LinuxMake {
  /** The temporary project Forge ran in. */
  readonly app: string;
  readonly make: NodeRun;
  readonly debFile: string;
  readonly zipFile: string;
}

/** Builds the app and runs Forge's make for Linux x64 inside `work` (a fresh temporary folder). */
export async function makeLinuxPackages(work: string): Promise<LinuxMake> {
  const app = join(work, 'app');
  await mkdir(app);
  for (const name of LINKED) await symlink(join(ROOT, name), join(app, name));
  for (const name of COPIED) await cp(join(ROOT, name), join(app, name), { recursive: true });
  const build = await runNode([join(app, 'esbuild.config.mjs'), '--quiet'], {}, 60_000, app);
  if (build.code !== 0) throw new Error(`the build failed:\n${build.output}`);
  await writeStandInRelease(join(work, 'mirror'), ELECTRON_VERSION);
  const mirror = await serveMirror(join(work, 'mirror'));
  let make: NodeRun;
  try {
    // XDG_CACHE_HOME: @electron/get's cache, kept out of the user's ~/.cache.
    make = await runNode(
      [join(FORGE_CLI, 'electron-forge-make.js'), app, '--platform', 'linux', '--arch', 'x64'],
      { ELECTRON_MIRROR: mirror.url, XDG_CACHE_HOME: join(work, 'cache'), CI: '1' },
      150_000,
    );
  } finally {
    await mirror.close();
  }
  const { name, version } = packageJson;
  return {
    app,
    make,
    debFile: join(app, 'out/make/deb/x64', `${name}_${version}_amd64.deb`),
    zipFile: join(app, 'out/make/zip/linux/x64', `${name}-linux-x64-${version}.zip`),
  };
}
