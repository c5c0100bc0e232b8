// Entry point of the relay's worker thread (built to dist/signaling/relay-worker.js).
import { parentPort } from 'node:worker_threads';
import { InProcessRelay, type FromWorker, type ToWorker } from './relay-runner';

const port = parentPort;
if (!port) throw new Error('relay-worker must run in a worker thread');
const relay = new InProcessRelay();
const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'open':
      return relay.open((text) => post({ kind: 'text', text }));
    case 'text':
      return relay.send(message.text);
    case 'reset':
      return void relay.reset().then(() => post({ kind: 'done', id: message.id }));
    case 'counts':
      return void relay.counts().then((counts) => post({ kind: 'done', id: message.id, counts }));
  }
});
post({ kind: 'ready' });
