// The one way tests wait for something to happen: read it until it is there, and fail
// past a deadline saying what was awaited. A fixed sleep is only for checking that
// something does NOT happen meanwhile; each such sleep says so where it is.

/** Waits `ms`. Only for "nothing happens for this long" checks, never to let something happen. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long `until` waits by default: generous, as the machines running these tests are shared. */
export const WAIT_MS = 10_000;

type Reading<T> = T | undefined | null | false;

/**
 * Reads `read` every `intervalMs` until it gives something other than undefined, null or false, and returns that.
 * Throws "timed out after N ms waiting for <what>" once `timeoutMs` have passed.
 */
export async function until<T>(
  read: () => Reading<T> | Promise<Reading<T>>,
  what: string,
  timeoutMs = WAIT_MS,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
