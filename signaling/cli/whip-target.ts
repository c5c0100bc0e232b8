// `--whip URL`: the media server to publish to over WHIP, with its token read only from the
// environment (a token on the command line is visible to every user of the machine in `ps`).
import { err, ok, type Result } from '../protocol';

export const WHIP_TOKEN_ENV = 'WDH_WHIP_TOKEN';
/** Flags someone might try for the token; each gets a clear refusal instead of "unknown option". */
const TOKEN_FLAGS = ['--whip-token', '--token', '--bearer'];

export interface WhipTarget {
  readonly url: string;
  /** The Bearer token from WDH_WHIP_TOKEN; undefined for a server that wants none. */
  readonly token: string | undefined;
}

export function refuseTokenOnArgv(argv: readonly string[]): Result<void, string> {
  const flag = argv.find((arg) => TOKEN_FLAGS.some((name) => arg === name || arg.startsWith(`${name}=`)));
  if (flag === undefined) return ok(undefined);
  return err(
    `${flag.split('=')[0]} is not accepted: set the WHIP token in the environment variable ${WHIP_TOKEN_ENV} ` +
      '(a token on the command line is visible to every user of this computer)',
  );
}

export function parseWhipTarget(
  raw: string,
  env: Readonly<Record<string, string | undefined>>,
): Result<WhipTarget, string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err(`--whip must be the URL of a WHIP endpoint such as https://media.example.com/whip/room, got '${raw}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return err(`--whip must be an http:// or https:// URL, got '${url.protocol}'`);
  if (url.username || url.password)
    return err(`--whip must not carry a user name or password: set the token in ${WHIP_TOKEN_ENV}`);
  if (url.hash) return err('--whip must not have a #fragment (it never reaches the server)');
  const token = env[WHIP_TOKEN_ENV] || undefined;
  // It goes into an Authorization header: visible ASCII only, no spaces or line breaks.
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token))
    return err(`${WHIP_TOKEN_ENV} must be printable ASCII without spaces or line breaks`);
  return ok({ url: url.href, token });
}

/** Where it publishes, for the banner and --json: query values (which may be secrets) left out. */
export function describeWhipUrl(target: WhipTarget): string {
  const url = new URL(target.url);
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}
