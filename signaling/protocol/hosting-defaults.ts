// Defaults every hosting front end shares: the desktop app (main/hosting-service.ts)
// and `npm run serve` (signaling/cli) start on the same port unless told otherwise, so
// a join link keeps working whichever one the host uses.

/** The port hosting listens on when the user has not chosen one (the desktop app saves a choice). */
export const DEFAULT_HOSTING_PORT = 9470;
