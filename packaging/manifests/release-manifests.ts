// Fills the Chocolatey package and the Homebrew cask for one release from the release's
// real files: their names give the URLs, their bytes the SHA-256 checksums.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RELEASE_REPO_SLUG } from '../../main/release-repo';
import { fillTemplate } from './fill-template';
import { releaseDownloadUrl, releaseFiles } from './release-files';

export const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$/;

export interface ManifestRequest {
  /** Without the leading "v": 1.2.3 */
  readonly version: string;
  /** The release's files, flat, as `gh release download` leaves them. */
  readonly artifactsDir: string;
  readonly outDir: string;
  /** packaging/ (the templates). */
  readonly templatesDir: string;
}

export class ManifestError extends Error {}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function requireFiles(dir: string, names: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of names) {
    const found = await stat(join(dir, name)).catch(() => null);
    if (!found?.isFile() || found.size === 0) missing.push(name);
  }
  if (missing.length > 0)
    throw new ManifestError(
      `missing release file${missing.length > 1 ? 's' : ''} in ${dir}: ${missing.join(', ')} (nothing was written)`,
    );
}

/** The files written, relative to outDir: Chocolatey's package sources and the cask. */
export const MANIFEST_FILES = {
  nuspec: 'chocolatey/webrtc-desktop-host.nuspec',
  install: 'chocolatey/tools/chocolateyinstall.ps1',
  uninstall: 'chocolatey/tools/chocolateyuninstall.ps1',
  cask: 'homebrew/webrtc-desktop-host.rb',
} as const;

export async function writeReleaseManifests({
  version,
  artifactsDir,
  outDir,
  templatesDir,
}: ManifestRequest): Promise<Record<keyof typeof MANIFEST_FILES, string>> {
  if (!VERSION_PATTERN.test(version))
    throw new ManifestError(`--version must look like 1.2.3 (no "v"), got "${version}"`);
  const files = releaseFiles(version);
  await requireFiles(artifactsDir, [files.windowsSetup, files.macArm, files.macIntel]);
  const [setupSha, armSha, intelSha] = await Promise.all(
    [files.windowsSetup, files.macArm, files.macIntel].map((name) => sha256OfFile(join(artifactsDir, name))),
  );
  const template = (name: string) => readFile(join(templatesDir, name), 'utf8');
  const contents: Record<keyof typeof MANIFEST_FILES, string> = {
    nuspec: fillTemplate(
      await template(MANIFEST_FILES.nuspec),
      { version, repo: RELEASE_REPO_SLUG },
      MANIFEST_FILES.nuspec,
    ),
    install: fillTemplate(
      await template(MANIFEST_FILES.install),
      { url64: releaseDownloadUrl(RELEASE_REPO_SLUG, version, files.windowsSetup), checksum64: setupSha ?? '' },
      MANIFEST_FILES.install,
    ),
    uninstall: fillTemplate(await template(MANIFEST_FILES.uninstall), {}, MANIFEST_FILES.uninstall),
    cask: fillTemplate(
      await template(MANIFEST_FILES.cask),
      { version, repo: RELEASE_REPO_SLUG, sha256_arm: armSha ?? '', sha256_intel: intelSha ?? '' },
      MANIFEST_FILES.cask,
    ),
  };
  const written = {} as Record<keyof typeof MANIFEST_FILES, string>;
  for (const key of Object.keys(MANIFEST_FILES) as (keyof typeof MANIFEST_FILES)[]) {
    const path = join(outDir, MANIFEST_FILES[key]);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents[key]);
    written[key] = path;
  }
  return written;
}
