// Updates. Windows and macOS builds update themselves from the GitHub releases through
// update.electronjs.org (Squirrel underneath). Linux packages cannot replace themselves:
// apt updates them from the project's apt repository, so Linux's Help > Check for a new
// version says to run apt (and offers the releases page for a downloaded .deb or zip).
import { dialog } from 'electron';
import { updateElectronApp, UpdateSourceType, type ILogger, type IUpdateElectronAppOptions } from 'update-electron-app';
import { log } from './main-log';
import { RELEASE_REPO_SLUG } from './release-repo';
import { openExternalIfAllowed } from './secure-window';

export const UPDATE_REPO = RELEASE_REPO_SLUG;
/** github.com is on the allow-list of secure-window.ts, so this opens through it. */
export const RELEASES_URL = `https://github.com/${UPDATE_REPO}/releases`;

/** What updates the app on Linux once its apt repository is added (README, Install). */
export const LINUX_UPDATE_COMMAND = 'sudo apt update && sudo apt upgrade';

export const LINUX_UPDATE_NOTICE = {
  type: 'info',
  title: 'Check for a new version',
  message: 'apt updates WebRTC Desktop Host on Linux',
  detail:
    `Installed from the WebRTC Desktop Host apt repository? Run this in a terminal to get the newest version:\n\n` +
    `    ${LINUX_UPDATE_COMMAND}\n\n` +
    'Installed from a downloaded .deb or zip? Download the newest one from the releases page, ' +
    'or add the apt repository (see the README) to get updates with apt from now on.',
  buttons: ['Open releases page', 'Close'],
  defaultId: 1,
  cancelId: 1,
} as const;

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
    log.info(`updates: not checking (${platform} builds update through apt: ${LINUX_UPDATE_COMMAND})`);
    return false;
  }
  start({ updateSource: { type: UpdateSourceType.ElectronPublicUpdateService, repo: UPDATE_REPO }, logger });
  return true;
}

/** The releases page, in the browser. */
export function openReleasesPage(): boolean {
  return openExternalIfAllowed(RELEASES_URL);
}

/** Linux's "Check for a new version": how to update with apt; the releases page on request. */
export async function showLinuxUpdateNotice(): Promise<void> {
  const { response } = await dialog.showMessageBox({
    ...LINUX_UPDATE_NOTICE,
    buttons: [...LINUX_UPDATE_NOTICE.buttons],
  });
  if (response === 0) openReleasesPage();
}
