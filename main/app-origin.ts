// What "our own page" means, in one place: the renderer is served as app://desktop/…
// (see app-protocol.ts), and every check of a sender, a permission or a navigation
// compares against this origin.
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../signaling/protocol/app-constants';

export { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../signaling/protocol/app-constants';
/** The page the window opens: the Host view. */
export const APP_START_URL = `${APP_ORIGIN}/host`;

/** True for app://desktop/… and nothing else (no other host, port or credentials). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    url.startsWith(`${APP_ORIGIN}/`)
  );
}

/** Chromium reports origins without a path; some APIs add a trailing slash. */
export function isAppOrigin(origin: string | undefined | null): boolean {
  return origin === APP_ORIGIN || origin === `${APP_ORIGIN}/`;
}
