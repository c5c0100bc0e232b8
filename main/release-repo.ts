// The GitHub repository releases are published to. update.electronjs.org (main/updates.ts),
// the Forge GitHub publisher, the Chocolatey and Homebrew manifests and the docs all
// name this one repository; no imports, so forge.config.ts can load it outside Electron.
export const RELEASE_REPO = { owner: 'webrtc-desktop-host', name: 'webrtc-desktop-host' } as const;
export const RELEASE_REPO_SLUG = `${RELEASE_REPO.owner}/${RELEASE_REPO.name}`;
