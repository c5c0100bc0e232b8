// Which web pages may open a signaling WebSocket. Browsers send WebSockets
// cross-origin, so without this any site the host visits could open sockets to its
// server on 127.0.0.1 and fill the per-address slots the host page needs to reconnect.
// Allowed: no Origin (native clients), the server's own origin (its pages), and the
// desktop app's pages (app://desktop, which must reach hosts anywhere on the LAN).

/** The desktop app's page origin (main/app-origin.ts APP_ORIGIN; signaling/ may not import main/). */
export const DESKTOP_APP_ORIGIN = 'app://desktop';

export function isOriginAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (origin === DESKTOP_APP_ORIGIN) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return host !== undefined && parsed.host.toLowerCase() === host.toLowerCase();
}
