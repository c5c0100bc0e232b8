// Constants more than one process needs (main, preload, the renderer, the server):
// one home, so no copy can drift. No Node imports (the renderer and preload use it).

/** The desktop app serves its renderer as app://desktop/… (main/app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desktop';
/** The desktop app's page origin: main checks senders against it, the server lets it connect from anywhere. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Viewers a new session lets in at once (the host may change it, up to MAX_VIEWERS_LIMIT). */
export const DEFAULT_MAX_VIEWERS = 16;
/** The most waiting viewers one hosting report carries to main (a notification each), never the whole crowd. */
export const WAITING_VIEWERS_MAX = 32;

/** Where hosting stands, as the host view shows it and the desktop app's tray reports it. */
export const hostingStatuses = ['idle', 'starting', 'ready', 'live', 'reconnecting', 'stopping'] as const;
export type HostingStatus = (typeof hostingStatuses)[number];
