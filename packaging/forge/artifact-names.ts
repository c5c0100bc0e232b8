// Release files get names without spaces. Forge names the zips and the Windows setup
// after the product name ("WebRTC Desktop Host-darwin-arm64-0.1.0.zip"); GitHub
// would rewrite the spaces in asset names, so the URLs in the Chocolatey and Homebrew
// manifests could not be derived from the file names. Squirrel's .nupkg and RELEASES
// are left alone: RELEASES refers to the .nupkg by name.
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ForgeMakeResult } from '@electron-forge/shared-types';

/**
 * "WebRTC Desktop Host-0.1.0 Setup.exe" -> "webrtc-desktop-host-0.1.0-setup.exe" (for product "WebRTC Desktop Host",
 * package "webrtc-desktop-host").
 */
export function releaseFileName(fileName: string, productName: string, packageName: string): string {
  if (!fileName.includes(' ')) return fileName;
  const withPackageName = fileName.startsWith(productName)
    ? packageName + fileName.slice(productName.length)
    : fileName;
  return withPackageName.replace(/ +/g, '-').toLowerCase();
}

/** Forge's postMake hook: renames the files on disk and returns the results pointing at them. */
export async function renameReleaseFiles(
  results: ForgeMakeResult[],
  productName: string,
  packageName: string,
): Promise<ForgeMakeResult[]> {
  return Promise.all(
    results.map(async (result) => ({
      ...result,
      artifacts: await Promise.all(
        result.artifacts.map(async (artifact) => {
          const renamed = join(dirname(artifact), releaseFileName(basename(artifact), productName, packageName));
          if (renamed !== artifact) await rename(artifact, renamed);
          return renamed;
        }),
      ),
    })),
  );
}
