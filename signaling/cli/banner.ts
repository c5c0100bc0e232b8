import type { HostingInfo } from '../server';
import type { ServeArgs } from './serve-args';
import { renderTerminalQr } from './terminal-qr';
import { describeWhipUrl, WHIP_TOKEN_ENV } from './whip-target';

/** What `npm run serve` prints for a person (without --json). */
export function formatBanner(info: HostingInfo, args: ServeArgs, { color }: { color: boolean }): string {
  const [primary, ...others] = info.joinUrls;
  const lines = [
    'WebRTC Desktop Host is running.',
    '',
    `  Host page (open on this computer): ${info.hostUrl}`,
    '  SECRET: the host page link holds the host key (#k=) and the link key (&lk=). Whoever has it can',
    '  take over hosting on this computer and sign messages as you. Never share it or keep it in a log.',
    `  Join link (share this):            ${primary ?? '(no network address found)'}`,
    ...others.map((url) => `                                     ${url}`),
    '',
    `  Viewers: ${args.autoAdmit ? 'let in automatically' : 'you approve each one'}; at most ${args.maxViewers}.`,
    '',
  ];
  if (args.whip)
    lines.push(
      `  Media server (WHIP): ${describeWhipUrl(args.whip)} (${args.whip.token ? `token from ${WHIP_TOKEN_ENV}` : 'no token'})`,
      '',
    );
  if (primary) lines.push(renderTerminalQr(primary, { color }), '');
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

/** The machine-readable form: one line, nothing else on stdout. */
export function formatJson(info: HostingInfo, args?: Pick<ServeArgs, 'whip'>): string {
  const whipUrl = args?.whip ? describeWhipUrl(args.whip) : undefined;
  return JSON.stringify({
    port: info.port,
    hostUrl: info.hostUrl,
    joinUrl: info.joinUrls[0],
    joinUrls: info.joinUrls,
    ...(whipUrl ? { whipUrl } : {}),
  });
}
