// `npm run serve -- --whip URL`: the URL validated, the token only from WDH_WHIP_TOKEN, and
// what the banner and --json line say about it.
import { formatBanner, formatJson } from '../../signaling/cli/banner';
import { parseServeArgs, type ServeArgs } from '../../signaling/cli/serve-args';
import type { HostingInfo } from '../../signaling/server';

const URL_ = 'https://media.example.com/whip/endpoint/room1';
const info: HostingInfo = {
  port: 9470,
  hostKey: 'a',
  token: 'a',
  hostUrl: 'http://127.0.0.1:9470/host#k=a&lk=b',
  joinUrls: ['http://192.0.2.2:9470/join#t=a&k=b'],
};

function parsed(argv: string[], env: Record<string, string> = {}): ServeArgs {
  const result = parseServeArgs(argv, env);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('--whip', () => {
  it('takes the URL, and the token from WDH_WHIP_TOKEN', () => {
    expect(parsed(['--whip', URL_], { WDH_WHIP_TOKEN: 's3cret' }).whip).toEqual({ url: URL_, token: 's3cret' });
  });

  it('has no token when WDH_WHIP_TOKEN is unset or empty', () => {
    expect(parsed(['--whip', URL_]).whip).toEqual({ url: URL_, token: undefined });
    expect(parsed(['--whip', URL_], { WDH_WHIP_TOKEN: '' }).whip?.token).toBeUndefined();
  });

  it('is off without the flag, whatever the environment holds', () => {
    expect(parsed([], { WDH_WHIP_TOKEN: 's3cret' }).whip).toBeUndefined();
  });

  it.each([
    [
      ['--whip-token', 'abc'],
      /--whip-token is not accepted: set the WHIP token in the environment variable WDH_WHIP_TOKEN/,
    ],
    [['--whip', URL_, '--token=abc'], /--token is not accepted.*WDH_WHIP_TOKEN.*visible to every user/],
    [['--bearer', 'abc'], /--bearer is not accepted/],
  ])('refuses a token on the command line: %j', (argv, reason) => {
    const result = parseServeArgs(argv, {});
    expect(!result.ok && result.error).toMatch(reason);
  });

  it.each([
    ['media.example.com/whip', /must be the URL of a WHIP endpoint/],
    ['ftp://media.example.com/whip', /http:\/\/ or https:\/\/ URL, got 'ftp:'/],
    ['https://user:pw@media.example.com/whip', /user name or password.*WDH_WHIP_TOKEN/],
    ['https://media.example.com/whip#room', /#fragment/],
  ])('refuses the URL %s with a clear reason', (url, reason) => {
    const result = parseServeArgs(['--whip', url], {});
    expect(!result.ok && result.error).toMatch(reason);
  });

  it('refuses a token that cannot go into an Authorization header', () => {
    const result = parseServeArgs(['--whip', URL_], { WDH_WHIP_TOKEN: 'a b\r\nX-Evil: 1' });
    expect(!result.ok && result.error).toMatch(/WDH_WHIP_TOKEN must be printable ASCII/);
  });
});

describe('where it publishes', () => {
  it('is a banner line that names the endpoint and where the token came from, never the token', () => {
    const banner = formatBanner(info, parsed(['--whip', URL_], { WDH_WHIP_TOKEN: 's3cret' }), { color: false });
    expect(banner).toContain(`  Media server (WHIP): ${URL_} (token from WDH_WHIP_TOKEN)`);
    expect(banner).not.toContain('s3cret');
    expect(formatBanner(info, parsed(['--whip', URL_]), { color: false })).toContain('(no token)');
  });

  it('is no banner line without --whip', () => {
    expect(formatBanner(info, parsed([]), { color: false })).not.toContain('WHIP');
  });

  it('is a whipUrl field in the --json line, with query values left out', () => {
    const args = parsed(['--whip', `${URL_}?key=secret-stream-key`], { WDH_WHIP_TOKEN: 's3cret' });
    const line = formatJson(info, args);
    expect(JSON.parse(line)).toMatchObject({ whipUrl: `${URL_}?…` });
    expect(line).not.toMatch(/s3cret|secret-stream-key/);
    expect(Object.keys(JSON.parse(formatJson(info, parsed([]))))).toEqual(['port', 'hostUrl', 'joinUrl', 'joinUrls']);
  });
});
