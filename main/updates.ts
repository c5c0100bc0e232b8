// Updates. Windows and macOS builds update themselves from the GitHub releases through
// update.electronjs.org (Squirrel underneath). Linux packages cannot replace themselves,
// so Linux gets a menu item that opens the releases page in the user's browser.
import { updateElectronApp, UpdateSourceType, type ILogger, type IUpdateElectronAppOptions } from 'update-electron-app';
import { log } from './main-log';
import { RELEASE_REPO_SLUG } from './release-repo';
import { openExternalIfAllowed } from './secure-window';

export const UPDATE_REPO = RELEASE_REPO_SLUG;
/** github.com is on the allow-list of secure-window.ts, so this opens through it. */
export const RELEASES_URL = `https://github.com/${UPDATE_REPO}/releases`;

export interface UpdateEnvironment {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
  readonly logger: ILogger;
  /** updateElectronApp; the tests pass a recorder (no network). */
  readonly start?: (options: IUpdateElectronAppOptions) => unknown;
}

/** The platforms whose builds can install an update themselves. */
export function updatesItself(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/** Starts the periodic update checks where they can work; returns whether it did. */
export function startAutoUpdates({
  isPackaged,
  platform,
  logger,
  start = updateElectronApp,
}: UpdateEnvironment): boolean {
  // A development build would "update" itself into the released app.
  if (!isPackaged) {
    log.info('updates: not checking (not a packaged build)');
    return false;
  }
  if (!updatesItself(platform)) {
    log.info(`updates: not checking (${platform} builds cannot update themselves; see Help > Check for a new version)`);
    return false;
  }
  start({ updateSource: { type: UpdateSourceType.ElectronPublicUpdateService, repo: UPDATE_REPO }, logger });
  return true;
}

/** Linux's "Check for a new version": the releases page, in the browser. */
export function openReleasesPage(): boolean {
  return openExternalIfAllowed(RELEASES_URL);
}
