// The app window's Content-Security-Policy: every app:// response carries it
// (main/app-protocol.ts). It is the headless page's policy with one change.
import { formatPolicy, PAGE_CSP_DIRECTIVES } from '../signaling/server/web-content';

/**
 * The same renderer as the headless page, so the same directives, except that its WebSockets may go to ws:/wss:
 * anywhere: the Host view talks to its own server on ws://127.0.0.1:PORT and the Join view to other hosts anywhere on
 * the LAN, whose addresses are not known in advance.
 */
export const APP_CONTENT_SECURITY_POLICY = formatPolicy({ ...PAGE_CSP_DIRECTIVES, 'connect-src': "'self' ws: wss:" });
