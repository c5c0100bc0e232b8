// Whether the WHIP tests can run here: Janus installed, and tests/whip/setup done.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { JANUS_LIB_DIR } from './janus-config';

export const JANUS_BINARY = process.env.JANUS_BINARY ?? '/usr/bin/janus';
/** Where tests/whip/setup puts the WHIP server's source and its npm dependencies. */
export const WHIP_SERVER_DIR =
  process.env.WDH_WHIP_SERVER_DIR ?? join(homedir(), '.cache', 'wdh', 'simple-whip-server');

/** Why the stack cannot run here, or undefined when it can. */
export function whipStackUnavailable(): string | undefined {
  if (!existsSync(JANUS_BINARY)) return `Janus is not installed (${JANUS_BINARY}; apt-get install janus)`;
  if (!existsSync(join(JANUS_LIB_DIR, 'plugins', 'libjanus_videoroom.so')))
    return `Janus's VideoRoom plugin is missing under ${JANUS_LIB_DIR}`;
  if (!existsSync(join(WHIP_SERVER_DIR, '.wdh-ready-1')))
    return `the WHIP server source is not set up in ${WHIP_SERVER_DIR} (run tests/whip/setup)`;
  return undefined;
}
