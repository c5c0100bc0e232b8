// The media relay (issue 7): the host encodes once, the relay forwards to every viewer.
import { RelayEndpoint } from './relay-endpoint';
import { childProcessPort, PortRelay, workerPort } from './relay-port';
import { InProcessRelay } from './relay-runner';

export { RelayEndpoint } from './relay-endpoint';
export {
  childProcessPort,
  PortRelay,
  relayPort,
  workerPort,
  type FromWorker,
  type RelayHost,
  type RelayPort,
  type ToWorker,
} from './relay-port';
export { InProcessRelay, type RelayRunner } from './relay-runner';
export type { RelayCounts, RelayDiagnostics } from './relay-diagnostics';

/** The relay in a worker thread running `workerFile` (the built relay-worker.js). */
export const workerRelay = (workerFile: string) => () => new RelayEndpoint(new PortRelay(workerPort(workerFile)));
/** The relay in a Node child process running `entryFile` (the same built relay-worker.js). */
export const childProcessRelay = (entryFile: string) => () =>
  new RelayEndpoint(new PortRelay(childProcessPort(entryFile)));
/** The relay in this thread (tests). */
export const inProcessRelay = () => () => new RelayEndpoint(new InProcessRelay());
