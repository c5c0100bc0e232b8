// The media relay in the desktop app: an Electron utility process running the built
// relay entry (dist/signaling/relay-worker.js). Forwarding packets and werift's
// crypto then run outside the main process, so they can never freeze the window or
// hold up the signaling socket; the signaling server starts it with hosting and
// stops it with hosting. If it cannot start, hosts send directly (the server says so).
import { utilityProcess } from 'electron';
import { logOutputOf } from './main-log';
import { RelayEndpoint } from '../signaling/relay/relay-endpoint';
import { PortRelay, relayPort, type RelayPort } from '../signaling/relay/relay-port';

const SERVICE_NAME = 'WebRTC Desktop Host media relay';

/** A relay route factory for SignalingServerOptions.relay. */
export const utilityProcessRelay = (entryFile: string) => () =>
  new RelayEndpoint(new PortRelay(utilityPort(entryFile)));

function utilityPort(entryFile: string): RelayPort {
  const child = utilityProcess.fork(entryFile, [], { serviceName: SERVICE_NAME, stdio: 'pipe' });
  logOutputOf(child, 'relay'); // what the relay prints (werift's errors too) lands in the log file
  return relayPort({
    get pid() {
      return child.pid ?? null;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onEnd: (listener) => child.once('exit', (code: number) => listener(`exited with ${code}`)),
    kill: () => void child.kill(),
  });
}
