// The release files the package managers install, by their published names (see
// packaging/forge/artifact-names.ts for how Forge's outputs get these names).
export interface ReleaseFiles {
  /** Squirrel.Windows installer: Chocolatey runs it. */
  readonly windowsSetup: string;
  /** macOS app zips (also what the app's updater downloads): the Homebrew cask's arm and intel files. */
  readonly macArm: string;
  readonly macIntel: string;
}

export function releaseFiles(version: string): ReleaseFiles {
  return {
    windowsSetup: `webrtc-desktop-host-${version}-setup.exe`,
    macArm: `webrtc-desktop-host-darwin-arm64-${version}.zip`,
    macIntel: `webrtc-desktop-host-darwin-x64-${version}.zip`,
  };
}

export function releaseDownloadUrl(repo: string, version: string, fileName: string): string {
  return `https://github.com/${repo}/releases/download/v${version}/${fileName}`;
}
