// The media relay (issue 7): the host encodes once, the relay forwards to every viewer.
import { RelayEndpoint } from './relay-endpoint';
import { InProcessRelay, WorkerRelay } from './relay-runner';

export { RelayEndpoint } from './relay-endpoint';
export { InProcessRelay, WorkerRelay, type RelayRunner } from './relay-runner';
export type { RelayCounts } from './relay';

/** The relay in a worker thread running `workerFile` (the built relay-worker.js). */
export const workerRelay = (workerFile: string) => () => new RelayEndpoint(new WorkerRelay(workerFile));
/** The relay in this thread (tests). */
export const inProcessRelay = () => () => new RelayEndpoint(new InProcessRelay());
