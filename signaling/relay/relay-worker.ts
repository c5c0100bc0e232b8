// Entry point of the relay when it runs apart from the signaling server (built to
// dist/signaling/relay-worker.js): a worker thread (headless), an Electron utility
// process (desktop app) or a Node child process (bench, tests). Each gives the parent
// a different message port; the relay behind it is the same.
import { parentPort } from 'node:worker_threads';
import { isToWorker, type FromWorker, type ToWorker } from './relay-port';
import { InProcessRelay } from './relay-runner';

interface ParentChannel {
  post(message: FromWorker): void;
  listen(listener: (message: unknown) => void): void;
}

/** Electron's utility process: `process.parentPort`, messages wrapped in `{ data }`. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentChannel(): ParentChannel {
  const thread = parentPort;
  if (thread) return { post: (m) => thread.postMessage(m), listen: (l) => thread.on('message', l) };
  const electron = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electron)
    return { post: (m) => electron.postMessage(m), listen: (l) => electron.on('message', (event) => l(event.data)) };
  if (process.send) {
    // A child process: nothing left to do once the parent is gone.
    process.on('disconnect', () => process.exit(0));
    return { post: (m) => process.send?.(m), listen: (l) => process.on('message', l) };
  }
  throw new Error('relay-worker must run in a worker thread, a utility process or a child process with IPC');
}

const channel = parentChannel();
const relay = new InProcessRelay();

channel.listen((received) => {
  if (isToWorker(received)) carryOut(received);
});
channel.post({ kind: 'ready' });

function carryOut(message: ToWorker): void {
  switch (message.kind) {
    case 'open':
      return relay.open((text) => channel.post({ kind: 'text', text }));
    case 'text':
      return relay.send(message.text);
    case 'reset':
      return void relay.reset().then(() => channel.post({ kind: 'done', id: message.id }));
    case 'counts':
      return void relay.counts().then((counts) => channel.post({ kind: 'done', id: message.id, counts }));
    case 'diagnostics':
      return void relay
        .diagnostics()
        .then((diagnostics) => channel.post({ kind: 'done', id: message.id, diagnostics }));
  }
}
