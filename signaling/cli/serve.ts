// `npm run serve`: the signaling server without Electron (headless hosting).
import { resolve } from 'node:path';
import { workerRelay } from '../relay';
import { SignalingError, SignalingServer, type RoomSnapshot } from '../server';
import { formatBanner, formatJson } from './banner';
import { createLinkKey, withHostingLinkKey } from './link-key';
import { parseServeArgs, USAGE } from './serve-args';

const log = (line: string) => process.stderr.write(`${line}\n`);

function describeRoom(room: RoomSnapshot): string {
  const waiting = room.viewers.filter((v) => v.state === 'waiting').length;
  return `host ${room.hostPresent ? 'connected' : 'not connected'}; ${room.viewers.length} viewer(s), ${waiting} waiting`;
}

async function main(): Promise<number> {
  const args = parseServeArgs(process.argv.slice(2), process.env);
  if (!args.ok) {
    log(`error: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  if (args.value.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Listening for signals before anything starts: a stop asked for during start-up
  // still ends cleanly. `on`, not `once`: Ctrl+C reaches both npm and us, and npm
  // forwards it again; a repeat must not kill the process with a non-zero status.
  const stopRequested = new Promise<string>((request) => {
    process.on('SIGINT', () => request('SIGINT'));
    process.on('SIGTERM', () => request('SIGTERM'));
  });
  const { port, bind, autoAdmit, maxViewers, json } = args.value;
  const server = new SignalingServer({
    port,
    bind,
    requireApproval: !autoAdmit,
    maxViewers,
    staticDir: resolve(__dirname, '../renderer'),
    // The media relay in a worker thread: forwarding packets never holds up signaling.
    relay: workerRelay(resolve(__dirname, 'relay-worker.js')),
  });
  let info;
  try {
    info = await server.start();
  } catch (error) {
    if (error instanceof SignalingError) {
      log(
        `error: ${error.message}${error.code === 'port-in-use' ? '. Pick another with --port N, or --port 0 for any free port.' : ''}`,
      );
      return 1;
    }
    throw error;
  }
  const shared = withHostingLinkKey(info, createLinkKey());
  process.stdout.write(
    `${json ? formatJson(shared, args.value) : formatBanner(shared, args.value, { color: process.stdout.isTTY === true })}\n`,
  );
  server.on('change', (room) => log(describeRoom(room)));
  // Issue 18 in steps: the flag, its checks and the WHIP client exist; publishing on Start hosting comes next.
  if (args.value.whip) log('note: --whip is checked and shown, but publishing to it is not wired into hosting yet');

  log(`${await stopRequested}: stopping`);
  await server.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
