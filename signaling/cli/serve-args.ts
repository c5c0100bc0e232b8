// Flags of `npm run serve`, validated: a bad flag is a clear message, never a default.
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { err, ok, type Result } from '../protocol';
import { DEFAULT_HOSTING_PORT } from '../protocol/hosting-defaults';
import { DEFAULTS } from '../server/options';
import { parseWhipTarget, refuseTokenOnArgv, WHIP_TOKEN_ENV, type WhipTarget } from './whip-target';

export interface ServeArgs {
  readonly port: number;
  readonly bind: string | undefined;
  readonly autoAdmit: boolean;
  readonly maxViewers: number;
  readonly json: boolean;
  readonly help: boolean;
  /** `--whip URL`: also publish to this media server (token from WDH_WHIP_TOKEN). */
  readonly whip: WhipTarget | undefined;
}

export const USAGE = `Usage: npm run serve -- [options]

Runs the signaling server without the desktop app; open the host page it prints in a
browser on this computer to share your screen.

Options:
  --port N          port for HTTP and WebSocket (default ${DEFAULT_HOSTING_PORT}; 0 picks a free one)
  --bind ADDR       IP address to listen on (default: all interfaces)
  --auto-admit      let viewers in without asking (default: the host approves each one)
  --max-viewers N   how many viewers may join, 1-1000 (default ${DEFAULTS.maxViewers})
  --json            print one JSON line with the URLs on stdout and nothing else
  --whip URL        the media server's WHIP endpoint to publish to; its token, if it
                    needs one, only from the environment variable ${WHIP_TOKEN_ENV}
  -h, --help        show this help`;

function integerIn(name: string, raw: string, min: number, max: number): Result<number, string> {
  if (!/^\d+$/.test(raw)) return err(`--${name} must be a whole number, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) return err(`--${name} must be between ${min} and ${max}, got ${raw}`);
  return ok(value);
}

export function parseServeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Result<ServeArgs, string> {
  const noToken = refuseTokenOnArgv(argv);
  if (!noToken.ok) return noToken;
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        bind: { type: 'string' },
        'auto-admit': { type: 'boolean' },
        'max-viewers': { type: 'string' },
        json: { type: 'boolean' },
        whip: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return err((error as Error).message);
  }
  const port = values.port === undefined ? ok(DEFAULT_HOSTING_PORT) : integerIn('port', values.port, 0, 65535);
  if (!port.ok) return port;
  const maxViewers =
    values['max-viewers'] === undefined
      ? ok(DEFAULTS.maxViewers)
      : integerIn('max-viewers', values['max-viewers'], 1, 1000);
  if (!maxViewers.ok) return maxViewers;
  const bind = values.bind;
  if (bind !== undefined && isIP(bind) === 0)
    return err(`--bind must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got '${bind}'`);
  const whip = values.whip === undefined ? ok(undefined) : parseWhipTarget(values.whip, env);
  if (!whip.ok) return whip;
  return ok({
    port: port.value,
    bind,
    autoAdmit: values['auto-admit'] ?? false,
    maxViewers: maxViewers.value,
    json: values.json ?? false,
    help: values.help ?? false,
    whip: whip.value,
  });
}
