// Which web permissions the window gets: screen capture for our own page, nothing for anyone
// else. Electron grants every permission by default; these handlers turn that into
// deny-by-default. `media` (camera and microphone) is not granted: the app never uses them, and
// since Electron 45 screen, window and tab capture (getDisplayMedia, with its system audio) are
// asked for as `display-capture` alone.
import type { Session } from 'electron';
import { isAppOrigin, isAppUrl } from './app-origin';

const GRANTED = new Set<string>(['display-capture']);

/** The decision both handlers share, exported for the tests. */
export function isPermissionAllowed(permission: string, origin: string | undefined, isMainFrame: boolean): boolean {
  return GRANTED.has(permission) && isMainFrame && (isAppOrigin(origin) || isAppUrl(origin));
}

export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, requestingOrigin, details.isMainFrame),
  );
}
